/* gen_dispatch.c — brink_generate: every standard game by name with KEY=VALUE options, for
 * the `brink generate` command and the Python package. The table below is the one list of
 * kinds; an option no generator read is refused, so a misspelt option never passes silently.
 */
#include <stdlib.h>
#include <string.h>
#include "game/gen_args.h"

typedef struct gen_kind {
    brink_generator_info info;
    brink_nfg *(*nfg)(gen_args *a);
    brink_efg *(*efg)(gen_args *a);
} gen_kind;

static brink_efg *efg_kuhn(gen_args *a) { return brink_gen_kuhn(a->err); }
static brink_efg *efg_leduc(gen_args *a) { return brink_gen_leduc(a->err); }
static brink_efg *efg_leduc_cards(gen_args *a) { return brink_gen_leduc_cards(a->err); }

static brink_efg *efg_crisis(gen_args *a)
{
    brink_crisis_params p;
    brink_crisis_params_init(&p);
    long r, l, t;
    const long big = 1000000000L;
    if (gen_long(a, "rounds", p.rounds, 1, 64, &r) || gen_long(a, "levels", p.levels, 1, 1024, &l) ||
        gen_long(a, "types", p.types, 1, 1024, &t) ||
        gen_long(a, "stake", p.stake, -big, big, &p.stake) ||
        gen_long(a, "crisis_cost", p.crisis_cost, -big, big, &p.crisis_cost) ||
        gen_long(a, "audience_cost", p.audience_cost, -big, big, &p.audience_cost) ||
        gen_long(a, "war_gain", p.war_gain, -big, big, &p.war_gain) ||
        gen_long(a, "war_cost_resolute", p.war_cost_resolute, -big, big, &p.war_cost_resolute) ||
        gen_long(a, "war_cost_bluffer", p.war_cost_bluffer, -big, big, &p.war_cost_bluffer) ||
        gen_long(a, "defender_war_cost", p.defender_war_cost, -big, big, &p.defender_war_cost))
        return NULL;
    p.rounds = (int)r;
    p.levels = (int)l;
    p.types = (int)t;
    return brink_gen_crisis(&p, a->err);
}

static const gen_kind kinds[] = {
    {{"kuhn", "Kuhn poker (extensive)", ""}, NULL, efg_kuhn},
    {{"leduc", "Leduc hold'em, cards dealt by rank (extensive)", ""}, NULL, efg_leduc},
    {{"leduc-cards", "Leduc hold'em, the six cards dealt individually (extensive)", ""}, NULL,
     efg_leduc_cards},
    {{"crisis", "crisis bargaining with private resolve (extensive)",
      "rounds=2 levels=2 types=2 stake=10 crisis_cost=1 audience_cost=1 war_gain=4 "
      "war_cost_resolute=2 war_cost_bluffer=12 defender_war_cost=6"}, NULL, efg_crisis},
    {{"uniform", "random payoffs, uniform decimals in [0, 1)", "players=2 actions=3 digits=3 seed=1"},
     gen_uniform, NULL},
    {{"integer", "random integer payoffs, uniform in [min, max]",
      "players=2 actions=3 min=0 max=99 seed=1"}, gen_integer, NULL},
    {{"covariant", "random normal payoffs with correlation r between players (GAMUT)",
      "players=2 actions=3 r=0 digits=3 seed=1"}, gen_covariant, NULL},
    {{"zerosum", "random two-player zero-sum game, integers in [min, max]",
      "actions=3 min=-9 max=9 seed=1"}, gen_zerosum, NULL},
    {{"degenerate", "random degenerate bimatrix game (a pure strategy with many best replies)",
      "actions=3 min=0 max=99 seed=1"}, gen_degenerate, NULL},
    {{"polymatrix", "players on a graph, a random bimatrix game on every edge",
      "players=3 actions=3 min=0 max=99 ring=0 seed=1"}, gen_polymatrix, NULL},
    {{"bos", "battle of the sexes", "high=2 low=1"}, gen_bos, NULL},
    {{"chicken", "chicken", "win=1 lose=-1 crash=-10"}, gen_chicken, NULL},
    {{"pd", "prisoner's dilemma", "temptation=5 reward=3 punishment=1 sucker=0"}, gen_pd, NULL},
    {{"pennies", "matching pennies", "stake=1"}, gen_pennies, NULL},
    {{"coordination", "coordination: all on action k earn a random d_k, else 0",
      "players=2 actions=3 max=10 seed=1"}, gen_coordination, NULL},
    {{"dispersion", "dispersion: earn 1 when alone on an action", "players=3 actions=3"},
     gen_dispersion, NULL},
    {{"travellers", "travellers' dilemma (Basu)", "low=2 high=100 bonus=2"}, gen_travellers, NULL},
    {{"attrition", "war of attrition in discrete time", "actions=5 value1=3 value2=3"},
     gen_attrition, NULL},
    {{"bertrand", "Bertrand price competition", "players=2 actions=10 cost=1 demand=actions"},
     gen_bertrand, NULL},
    {{"location", "Hotelling location game on a line", "players=2 actions=7"}, gen_location, NULL},
};

const brink_generator_info *brink_generator(int i)
{
    int n = (int)(sizeof kinds / sizeof kinds[0]);
    return i >= 0 && i < n ? &kinds[i].info : NULL;
}

brink_status brink_generate(const char *kind, const char *const *keys,
                            const char *const *values, int nopts, brink_game *out,
                            brink_error *err)
{
    memset(out, 0, sizeof *out);
    const gen_kind *k = NULL;
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kinds[i].info.name, kind))
            k = &kinds[i];
    if (!k)
        return brink_error_set(err, BRINK_EINVALID, "generate: unknown kind '%s' (brink generate --list)",
                               kind ? kind : "(null)");
    if (nopts < 0 || (nopts > 0 && (!keys || !values)))
        return brink_error_set(err, BRINK_EINVALID, "generate %s: bad option list", kind);
    unsigned char *used = nopts ? calloc((size_t)nopts, 1) : NULL;
    if (nopts && !used)
        return brink_error_set(err, BRINK_ENOMEM, "generate: out of memory");
    brink_error local;   /* generators report through a record even when the caller has none */
    brink_error *e = err ? err : &local;
    brink_error_clear(e);
    gen_args a = {kind, keys, values, nopts, used, e};
    if (k->nfg) {
        out->kind = BRINK_GAME_NFG;
        out->nfg = k->nfg(&a);
    } else {
        out->kind = BRINK_GAME_EFG;
        out->efg = k->efg(&a);
    }
    brink_status st = out->nfg || out->efg ? BRINK_OK : e->code ? e->code : BRINK_EINTERNAL;
    for (int i = 0; st == BRINK_OK && i < nopts; i++)
        if (!used[i])
            st = brink_error_set(e, BRINK_EINVALID, "generate %s: unknown option '%s' (options: %s)",
                                 kind, keys[i], *k->info.params ? k->info.params : "none");
    free(used);
    if (st != BRINK_OK) {
        brink_game_free(out);
        memset(out, 0, sizeof *out);
    }
    return st;
}
