/* test_scenario_compact.c — compact games (issue 15): a perfect-information scenario built
 * as its distinct sub-games (limits.compact_above, src/scenario/compact.c) and solved by
 * backward induction per class (src/solve/backward/spe_dag.c, src/analysis/compact.c) gives
 * the tree's answer: node and decision-point counts, the play, exact values, and with ties
 * the number of pure subgame-perfect equilibria (when ties never change values) or a play
 * that is one of the tree's equilibria (when they do). The grid SPE of 10 rounds of
 * alternating offers, whose tree is never built, is checked against a direct computation.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "analysis/compact_int.h"
#include "brink/analysis.h"
#include "brink/brink.h"
#include "brink/scenario.h"
#include "scenario/model.h"

static const char *offers_fmt =
    "brink: 1\nid: offers\nactors: {A: {}, B: {}}\n"
    "parameters: {delta: {value: %s, range: [0.1, 0.9]}}\n"
    "issues: {deal: [none, agreed], share_A: {numeric: true, default: 0}}\n"
    "subgames:\n  round:\n    body:\n      if: mod(round, 2) == 1\n      then:\n"
    "        A:\n          offer_{y}:\n            for: y\n"
    "            in: range(%g, %g, %g)\n            B:\n"
    "              accept:\n                outcome: {deal: agreed, share_A: 1 - y}\n"
    "                payoff: {A: \"delta^(round - 1) * (1 - y)\", "
    "B: \"delta^(round - 1) * y\"}\n              reject: next\n"
    "      else:\n        B:\n          offer_{y}:\n            for: y\n"
    "            in: range(%g, %g, %g)\n            A:\n"
    "              accept:\n                outcome: {deal: agreed, share_A: y}\n"
    "                payoff: {A: \"delta^(round - 1) * y\", "
    "B: \"delta^(round - 1) * (1 - y)\"}\n              reject: next\n"
    "game: {repeat: round, times: %d, then: {}}\n";

/* Offers on a grid that includes the responder's continuation value exactly: ties. */
static const char *ties_fmt =
    "brink: 1\nid: ties\nactors: {A: {}, B: {}}\n"
    "subgames:\n  stage:\n    body:\n      A:\n"
    "        go:\n          B:\n"
    "            up: {payoff: {A: %s, B: 1}}\n"
    "            down: {payoff: {A: %s, B: 1}}\n"
    "        wait: next\n        hold: next\n"
    "game: {repeat: stage, times: %d, then: {payoff: {A: 1, B: 2}}}\n";

/* Alternating offers where nature picks each round's proposer (A with probability p). */
static const char *chance_offers_fmt =
    "brink: 1\nid: co\nactors: {A: {}, B: {}}\n"
    "parameters:\n  delta: {value: %s, range: [0.1, 0.9]}\n  p: {value: %s, range: [0, 1]}\n"
    "issues: {deal: [none, agreed], share_A: {numeric: true, default: 0}}\n"
    "subgames:\n  round:\n    body:\n      chance:\n"
    "        a_proposes:\n          prob: p\n          A:\n            offer_{y}:\n"
    "              for: y\n              in: range(%g, %g, %g)\n              B:\n"
    "                accept:\n                  outcome: {deal: agreed, share_A: 1 - y}\n"
    "                  payoff: {A: \"delta^(round - 1) * (1 - y)\", B: \"delta^(round - 1) * y\"}\n"
    "                reject: next\n"
    "        b_proposes:\n          prob: 1 - p\n          B:\n            offer_{y}:\n"
    "              for: y\n              in: range(%g, %g, %g)\n              A:\n"
    "                accept:\n                  outcome: {deal: agreed, share_A: y}\n"
    "                  payoff: {A: \"delta^(round - 1) * y\", B: \"delta^(round - 1) * (1 - y)\"}\n"
    "                reject: next\n"
    "game: {repeat: round, times: %d, then: {}}\n";

/* A chance move in the middle of each round (named), with outcomes that differ in a level
 * and a parameter-dependent probability. */
static const char *middle_fmt =
    "brink: 1\nid: mid\nactors: {A: {}, B: {}}\n"
    "parameters: {q: {value: %s, range: [0, 1]}}\n"
    "issues: {war: [no, yes], cost: {numeric: true, default: 0}}\n"
    "subgames:\n  stage:\n    body:\n      A:\n        press:\n          name: nature\n"
    "          chance:\n            escalates:\n              prob: q\n"
    "              outcome: {war: yes, cost: {add: q}}\n"
    "              payoff: {A: 0.1, B: \"q / 10\"}\n"
    "              B:\n                fight: {payoff: {A: -1, B: -2}}\n"
    "                fold: next\n"
    "            calm:\n              prob: 1 - q\n              B:\n"
    "                yield: {payoff: {A: 2, B: 0}}\n                resist: next\n"
    "        wait: next\n"
    "game: {repeat: stage, times: %d, then: {payoff: {A: 1, B: 1}}}\n";

/* Chance below ties: B's up/down never change values (%s = B's payoff of leaving: 0, no
 * other ties; 1, a tie that changes A's value). */
static const char *chance_ties_fmt =
    "brink: 1\nid: ct\nactors: {A: {}, B: {}}\nissues: {deal: [none, yes]}\n"
    "subgames:\n  stage:\n    body:\n      chance:\n        good:\n          prob: 1/3\n"
    "          A:\n            go:\n              B:\n"
    "                up: {payoff: {A: 3, B: 1}}\n                down: {payoff: {A: 3, B: 1}}\n"
    "            wait: next\n"
    "        bad:\n          prob: 2/3\n          B:\n            stay: next\n"
    "            leave: {outcome: {deal: yes}, payoff: {A: 0, B: %s}}\n"
    "game: {repeat: stage, times: %d, then: {payoff: {A: 1, B: 1}}}\n";

/* A tally with quadratic preferences and a small cost on every choice (tester 11b, F2): the
 * costs are collected on the options, so a sub-game is the same up to a constant per actor
 * wherever it is reached; %s: A's weight, the cost's divisor, and the payoffs before the
 * first move (the root's own and those of "go"). */
static const char *tally_fmt =
    "brink: 1\nid: tally\nactors: {A: {}, B: {}}\n"
    "parameters: {w: {value: %s, range: [0, 3]}}\nissues: {x: {numeric: true, default: 0}}\n"
    "preferences:\n  A: {x: {ideal: 7, weight: w, loss: quadratic}}\n"
    "  B: {x: {ideal: 4, weight: 1, loss: quadratic}}\n"
    "subgames:\n  stage:\n    body:\n      if: mod(round, 2) == 1\n      then:\n        A:\n"
    "          add_{k}: {for: k, in: [0, 1, 2], outcome: {x: {add: k}}, "
    "payoff: {A: \"-k/%d\", B: \"k/%d\"}, next: true}\n"
    "      else:\n        B:\n"
    "          add_{k}: {for: k, in: [0, 1, 2], outcome: {x: {add: k}}, "
    "payoff: {B: \"-k/%d\"}, next: true}\n"
    "game:\n  payoff: {A: %s}\n  A:\n"
    "    go: {payoff: {B: %s}, repeat: stage, times: %d, then: {payoff: {A: 0.25}}}\n"
    "    stop: {payoff: {A: -100}}\n";

/* A random proposer (probability %s), 2 rounds (tester 12's c6 and c1). c6: B signs or
 * shakes hands, the same payoffs but other outcomes (ties that keep the values and change the
 * outcomes). c1: offers 0.2 ... 0.8, delta 1/2; at p = 0 or 1 B's tie in the branch of
 * probability 0 changes A's value there only. */
static const char *sign_shake_fmt =
    "brink: 1\nid: c6\nactors: {A: {}, B: {}}\nparameters: {p: {value: %s, range: [0, 1]}}\n"
    "issues:\n  deal: [none, signed, shook]\n  share_A: {numeric: true, default: 0}\n"
    "subgames:\n  round:\n    body:\n      chance:\n        a_proposes:\n          prob: p\n"
    "          A:\n            offer_{y}:\n              for: y\n              in: [0.2, 0.6]\n"
    "              B:\n                sign:\n"
    "                  outcome: {deal: signed, share_A: 1 - y}\n"
    "                  payoff: {A: \"(1 - y)/round\", B: \"y/round\"}\n"
    "                shake:\n                  outcome: {deal: shook, share_A: 0}\n"
    "                  payoff: {A: \"(1 - y)/round\", B: \"y/round\"}\n"
    "                reject: next\n"
    "        b_proposes:\n          prob: 1 - p\n"
    "          B:\n            offer_{y}:\n              for: y\n              in: [0.2, 0.6]\n"
    "              A:\n                accept:\n"
    "                  outcome: {deal: signed, share_A: y}\n"
    "                  payoff: {A: \"y/round\", B: \"(1 - y)/round\"}\n"
    "                reject: next\n"
    "game: {repeat: round, times: 2, then: {}}\n";
static const char *proposer_fmt =
    "brink: 1\nid: c1\nactors: {A: {}, B: {}}\nparameters: {p: {value: %s, range: [0, 1]}}\n"
    "issues:\n  deal: [none, agreed]\n  share_A: {numeric: true, default: 0}\n"
    "subgames:\n  round:\n    body:\n      chance:\n        a_proposes:\n          prob: p\n"
    "          A:\n            offer_{y}:\n              for: y\n"
    "              in: [0.2, 0.4, 0.6, 0.8]\n"
    "              B:\n                accept:\n"
    "                  outcome: {deal: agreed, share_A: 1 - y}\n"
    "                  payoff: {A: \"0.5^(round - 1) * (1 - y)\", B: \"0.5^(round - 1) * y\"}\n"
    "                reject: next\n"
    "        b_proposes:\n          prob: 1 - p\n"
    "          B:\n            offer_{y}:\n              for: y\n"
    "              in: [0.2, 0.4, 0.6, 0.8]\n"
    "              A:\n                accept:\n"
    "                  outcome: {deal: agreed, share_A: y}\n"
    "                  payoff: {A: \"0.5^(round - 1) * y\", B: \"0.5^(round - 1) * (1 - y)\"}\n"
    "                reject: next\n"
    "game: {repeat: round, times: 2, then: {}}\n";

/* t with each line break and the indent after it as one space (the text's wrapping) */
static void unwrap(char *t)
{
    char *o = t;
    for (char *i = t; *i; i++) {
        if (*i == '\n') {
            while (i[1] == ' ')
                i++;
            *o++ = ' ';
        } else {
            *o++ = *i;
        }
    }
    *o = 0;
}

static brink_scenario *load(const char *text, size_t compact_above)
{
    brink_scenario_limits lim;
    brink_scenario_limits_init(&lim);
    lim.compact_above = compact_above;
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(text, strlen(text), "c.yaml", &lim, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    return sc;
}

static brink_analysis *analyse(const brink_scenario *sc)
{
    brink_error err;
    brink_error_clear(&err);
    brink_analysis *a = brink_analyze(sc, NULL, &err);
    CHECK_MSG(a != NULL, "%s", err.message);
    return a;
}

/* Tree equilibrium e plays the compact play: the same moves in the tree's pre-order, decisions
 * taking eq's pure choice, chance moves every outcome of positive probability. */
static int same_play(const brink_efg *g, const brink_equilibrium *eq,
                     const struct brink_compact_result *r)
{
    int *stack = malloc((size_t)g->nnodes * sizeof *stack), n = 0, i = 0, ok = 1;
    stack[n++] = 0;
    while (n > 0 && ok) {
        int v = stack[--n], h = g->node_infoset[v];
        if (h < 0)
            continue;
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h], cs = g->node_child_start[v];
        if (i >= r->nplay) {
            ok = 0;
            break;
        }
        int c = r->play_cls[i++];
        if (g->infoset_player[h] == BRINK_CHANCE) {
            ok = r->k->mover[c] == SC_COMPACT_CHANCE;
            for (int x = na - 1; x >= 0; x--)
                if (mpq_sgn(g->action_probq[a0 + x]) > 0)
                    stack[n++] = g->node_children[cs + x];
            continue;
        }
        int act = -1;
        for (int x = 0; x < na; x++)
            if (mpq_cmp_ui(eq->behavq[a0 + x], 1, 1) == 0)
                act = x;
        ok = act >= 0 && r->k->mover[c] == g->infoset_player[h] &&
             strcmp(g->action_label[a0 + act], r->k->node[c]->opt_labels[r->spe.choice[c]]) == 0;
        stack[n++] = g->node_children[cs + act];
    }
    free(stack);
    return ok && i == r->nplay;
}

/* Soundness of the classes: walking the tree and the compact game together from the root,
 * every tree node has its class's mover, action count and chance probabilities, and every
 * leaf the tree's exact payoffs: its class's plus the payoffs on the edges from the root
 * (and before it). The compact game unfolds to the tree. */
static int same_below(const brink_efg *g, const struct brink_compact_result *r, int v, int c,
                      const mpq_t *acc)
{
    const sc_compact *k = r->k;
    int np = g->nplayers, h = g->node_infoset[v], bad = 0;
    if (h < 0) {
        mpq_t t;
        mpq_init(t);
        bad |= k->mover[c] >= 0;
        for (int p = 0; !bad && p < np; p++) {
            mpq_add(t, r->pay[(size_t)c * (size_t)np + (size_t)p], acc[p]);
            bad |= !mpq_equal(g->leaf_payq[(size_t)g->node_leaf[v] * (size_t)np + (size_t)p], t);
        }
        mpq_clear(t);
        return !bad;
    }
    bad |= (k->mover[c] >= 0 ? k->mover[c] : BRINK_CHANCE) != g->infoset_player[h] ||
           (k->mover[c] == SC_COMPACT_CHANCE) != (g->infoset_player[h] == BRINK_CHANCE) ||
           k->child_start[c + 1] - k->child_start[c] != g->infoset_nactions[h];
    /* a chance move's probabilities, exactly */
    for (int a = 0; !bad && k->mover[c] == SC_COMPACT_CHANCE && a < g->infoset_nactions[h]; a++)
        bad |= !mpq_equal(g->action_probq[g->infoset_action_start[h] + a],
                          r->prob[k->child_start[c] + a]);
    mpq_t *next = brink_q_array_new((size_t)np);
    for (int a = 0; !bad && a < g->infoset_nactions[h]; a++) {
        int e = k->child_start[c] + a;
        for (int p = 0; p < np; p++)
            if (r->epay)
                mpq_add(next[p], acc[p], r->epay[(size_t)e * (size_t)np + (size_t)p]);
            else
                mpq_set(next[p], acc[p]);
        bad |= !same_below(g, r, g->node_children[g->node_child_start[v] + a], k->child[e],
                           (const mpq_t *)next);
    }
    brink_q_array_free(next, (size_t)np);
    return !bad;
}

static void same_classes(const brink_scenario *tr, const brink_efg *g,
                         const struct brink_compact_result *r)
{
    (void)tr;
    int np = g->nplayers, ne = r->k->child_start[r->k->nclasses];
    mpq_t *acc = brink_q_array_new((size_t)np);
    for (int p = 0; r->epay && p < np; p++)
        mpq_set(acc[p], r->epay[(size_t)ne * (size_t)np + (size_t)p]);
    CHECK(same_below(g, r, 0, r->k->root, (const mpq_t *)acc));
    brink_q_array_free(acc, (size_t)np);
}

/* A report without the method's indented lines (the compact game's change, the times) and
 * with what --json lists in the same words. */
static int ntexts;   /* reports compared line by line */

static char *report_core(const char *t)
{
    char *o = malloc(strlen(t) + 1);
    size_t n = 0;
    while (*t) {
        const char *e = strchr(t, '\n');
        size_t len = e ? (size_t)(e - t) + 1 : strlen(t);
        if (strncmp(t, "        ", 8) != 0) {
            const char *tail = "; --json lists their distinct sub-games)\n";
            size_t tl = strlen(tail);
            if (len >= tl && strncmp(t + len - tl, tail, tl) == 0) {
                memcpy(o + n, t, len - tl);
                n += len - tl;
                memcpy(o + n, "; --json lists them)\n", 21);
                n += 21;
            } else {
                memcpy(o + n, t, len);
                n += len;
            }
        }
        t += len;
    }
    o[n] = 0;
    return o;
}

/* The compact analysis of text against the tree's. */
static void compare(const char *text, int payoff_ties)
{
    brink_scenario *ct = load(text, 1), *tr = load(text, 0);
    CHECK(brink_scenario_is_compact(ct));
    CHECK(!brink_scenario_is_compact(tr));
    brink_analysis *ca = analyse(ct), *ta = analyse(tr);
    const struct brink_compact_result *r = ca->compact;
    const brink_efg *g = ta->game;
    int np = g->nplayers;
    CHECK(r != NULL && ca->game == NULL);
    CHECK(mpz_cmp_ui(r->k->nodes, (unsigned long)g->nnodes) == 0);
    CHECK(mpz_cmp_ui(r->k->decisions, (unsigned long)g->player_infoset_start[np]) == 0);
    CHECK(mpz_cmp_ui(r->k->chances,
                     (unsigned long)(g->ninfosets - g->player_infoset_start[np])) == 0);
    CHECK(r->verified);
    CHECK_EQ_INT(r->spe.payoff_ties > 0, payoff_ties);
    same_classes(tr, g, r);
    int found = 0;
    for (int e = 0; e < ta->count; e++) {
        const brink_equilibrium *eq = &ta->eq[e];
        int same = 1;
        for (int p = 0; p < np; p++)
            same &= mpq_equal(eq->valueq[p], r->value[p]);
        if (!payoff_ties)
            CHECK(same);   /* every SPE has the same values */
        if (same && same_play(g, eq, r)) {
            found = 1;
            /* the play's outcomes and expected numeric issues */
            int ng = 0;
            for (int k = 0; k < ta->ngroups; k++)
                if (eq->group_prob[k] > 1e-12)
                    ng++;
            CHECK_EQ_INT(ng, r->ngroups);
            for (int k = 0; k < r->ngroups; k++) {
                int l = r->k->leaf[r->group_leaf[k]], hit = 0;
                for (int t = 0; t < ta->ngroups; t++) {
                    int eqlv = 1;
                    for (int i = 0; i < r->k->ni; i++)
                        if (ta->group_level[(size_t)t * (size_t)r->k->ni + (size_t)i] !=
                            (brink_scenario_issue_nlevels(tr, i)
                                 ? r->k->leaf_level[(size_t)l * (size_t)r->k->ni + (size_t)i] : -1))
                            eqlv = 0;
                    if (eqlv && fabs(eq->group_prob[t] - brink_q_get_d(r->group_prob[k])) < 1e-12)
                        hit = 1;
                }
                CHECK(hit);
            }
            for (int i = 0; i < r->k->ni; i++)
                if (!brink_scenario_issue_nlevels(tr, i))
                    CHECK(fabs(eq->issue_mean[i] - brink_q_get_d(r->issue_value[i])) < 1e-9);
        }
        /* decision points on the path */
        int on = 0;
        for (int h = 0; h < g->player_infoset_start[np]; h++)
            on += eq->on_path[h];
        if (same && same_play(g, eq, r))
            CHECK_EQ_INT(on, r->npath);
    }
    CHECK(found);
    /* what the ties do, against the tree's equilibria (tester 12, F1, F2): outcomes or
     * expected issues that differ between them, values that differ */
    if (!ta->truncated && ta->count > 0) {
        int odiff = 0, vdiff = 0;
        for (int e = 1; e < ta->count; e++) {
            const brink_equilibrium *x = &ta->eq[0], *y = &ta->eq[e];
            for (int t = 0; t < ta->ngroups; t++)
                odiff |= fabs(x->group_prob[t] - y->group_prob[t]) > 1e-12;
            for (int i = 0; i < r->k->ni; i++)
                if (!brink_scenario_issue_nlevels(tr, i))
                    odiff |= fabs(x->issue_mean[i] - y->issue_mean[i]) > 1e-9;
            for (int p = 0; p < np; p++)
                vdiff |= !mpq_equal(x->valueq[p], y->valueq[p]);
        }
        if (!payoff_ties) {
            CHECK_EQ_INT(r->values_differ, 0);
            CHECK_EQ_INT(r->outcomes_differ, odiff);
        } else {
            CHECK(r->values_differ != 1 || vdiff);
            CHECK(r->values_differ != 0 || !vdiff);
            if (r->values_differ == 0)
                CHECK_EQ_INT(r->outcomes_differ, odiff);
        }
    }
    if (!payoff_ties && !ta->truncated) {
        CHECK(r->count_exact);
        /* the tree's count of profiles: listed one by one, or counted over its plays when
         * there are more than max_profiles (backward induction by play) */
        if (ta->profiles)
            CHECK(mpz_cmp(r->nspe, *ta->profiles) == 0);
        else
            CHECK(mpz_cmp_ui(r->nspe, (unsigned long)ta->count) == 0);
    }
    brink_buf out;
    brink_buf_init(&out);
    brink_error err;
    brink_error_clear(&err);
    CHECK(brink_analysis_write_text(ca, &out, &err) == BRINK_OK);
    CHECK(strstr(out.data, "Changed automatically") != NULL);
    /* one equilibrium and more decision points than the tree lists all of: the tree's text,
     * but for the method's lines and what --json lists */
    if (ta->count == 1 && !ta->profiles && g->player_infoset_start[np] > 16) {
        brink_buf tt;
        brink_buf_init(&tt);
        CHECK(brink_analysis_write_text(ta, &tt, &err) == BRINK_OK);
        char *x = report_core(tt.data), *y = report_core(out.data);
        CHECK_MSG(strcmp(x, y) == 0, "texts differ:\n%s\n---\n%s", x, y);
        ntexts++;
        free(x);
        free(y);
        brink_buf_free(&tt);
    }
    int one = ta->count == 1 && (!ta->profiles || mpz_cmp_ui(*ta->profiles, 1) == 0);
    CHECK(strstr(out.data, payoff_ties ? "One of several" : one ? "One equilibrium ("
                                                                : "One of ") != NULL);
    brink_buf_reset(&out);
    CHECK(brink_analysis_write_json(ca, &out, &err) == BRINK_OK);
    CHECK(strstr(out.data, "\"classes\":[{\"class\":") != NULL);
    brink_buf_free(&out);
    brink_analysis_free(ca);
    brink_analysis_free(ta);
    brink_scenario_free(ct);
    brink_scenario_free(tr);
}

/* z (an exact count) is the number written s */
static int mpz_cmp_str(const mpz_t z, const char *s)
{
    mpz_t w;
    mpz_init_set_str(w, s, 10);
    int c = mpz_cmp(z, w);
    mpz_clear(w);
    return c;
}

static void offers(char *buf, size_t n, const char *delta, int k, int rounds)
{
    double step = 1.0 / k;
    snprintf(buf, n, offers_fmt, delta, step / 2, 1 - step / 2, step, step / 2, 1 - step / 2,
             step, rounds);
}

int main(void)
{
    char text[4096];
    /* repeated sub-games, no ties */
    offers(text, sizeof text, "0.5", 3, 2);
    compare(text, 0);
    offers(text, sizeof text, "0.7", 4, 3);
    compare(text, 0);
    offers(text, sizeof text, "0.3", 5, 4);
    compare(text, 0);
    /* offers 0, 1/4, ..., 1 (the responder's value is on the grid: it is indifferent) */
    snprintf(text, sizeof text, offers_fmt, "0.5", 0.0, 1.0, 0.25, 0.0, 1.0, 0.25, 3);
    compare(text, 1);
    /* ties that do not change values (B's up/down; A's wait/hold) */
    snprintf(text, sizeof text, ties_fmt, "3", "3", 2);
    compare(text, 0);
    snprintf(text, sizeof text, ties_fmt, "2", "2", 2);
    compare(text, 0);
    snprintf(text, sizeof text, ties_fmt, "3", "3", 3);   /* 3456: the tree stops at 64 */
    compare(text, 0);
    /* A indifferent between going on (B gets 1) and the end (B gets 2) */
    snprintf(text, sizeof text, ties_fmt, "1", "1", 2);
    compare(text, 1);
    /* ties that do: B is indifferent, A is not */
    snprintf(text, sizeof text, ties_fmt, "3", "0", 2);
    compare(text, 1);

    /* ties that keep the values but not the outcomes (tester 12, F1) */
    snprintf(text, sizeof text, sign_shake_fmt, "0.5");
    compare(text, 0);
    {
        brink_scenario *sc6 = load(text, 1);
        brink_analysis *a6 = analyse(sc6);
        CHECK_EQ_INT(a6->compact->outcomes_differ, 1);
        CHECK(mpz_cmp_ui(a6->compact->nspe, 512) == 0);
        brink_buf b6;
        brink_buf_init(&b6);
        brink_error e6;
        brink_error_clear(&e6);
        CHECK(brink_analysis_write_text(a6, &b6, &e6) == BRINK_OK);
        unwrap(b6.data);
        CHECK(strstr(b6.data, "not all with the same outcomes") != NULL);
        CHECK(strstr(b6.data, "Outcomes (the equilibrium shown's; others differ):") != NULL);
        brink_buf_reset(&b6);
        CHECK(brink_analysis_write_json(a6, &b6, &e6) == BRINK_OK);
        CHECK(strstr(b6.data, "\"outcomes_differ\":true") != NULL);
        brink_buf_free(&b6);
        brink_analysis_free(a6);
        brink_scenario_free(sc6);
    }
    snprintf(text, sizeof text, sign_shake_fmt, "0");   /* A never proposes: B's tie unreached */
    compare(text, 0);
    /* a tie that changes A's value, in a branch of probability 0 (F2), and on the path */
    const char *pv[] = {"0", "1", "1/3"};
    for (int i = 0; i < 3; i++) {
        snprintf(text, sizeof text, proposer_fmt, pv[i]);
        compare(text, 1);
        brink_scenario *s1 = load(text, 1);
        brink_analysis *a1 = analyse(s1);
        CHECK_EQ_INT(a1->compact->values_differ, i < 2 ? 0 : 1);
        brink_buf b1;
        brink_buf_init(&b1);
        brink_error e1;
        brink_error_clear(&e1);
        CHECK(brink_analysis_write_text(a1, &b1, &e1) == BRINK_OK);
        unwrap(b1.data);
        CHECK(strstr(b1.data, i < 2 ? "all with the same values" : "which differ in values"));
        CHECK(strstr(b1.data, "of the 1 decision") == NULL);
        brink_buf_free(&b1);
        brink_analysis_free(a1);
        brink_scenario_free(s1);
    }

    /* 10 rounds of 20 offers (3.2e13 nodes): the grid's SPE computed directly. In round k
     * the proposer's continuation is worth delta^(k-1) times its share; the responder
     * accepts the smallest offer y on the grid with delta^(k-1) y >= its value of
     * rejecting (the grid never makes it indifferent at delta 1/2). */
    offers(text, sizeof text, "0.5", 20, 10);
    brink_scenario *sc = load(text, 100000);   /* 10 rounds: 411 classes, no tree */
    CHECK(brink_scenario_is_compact(sc));
    brink_analysis *a = analyse(sc);
    const struct brink_compact_result *r = a->compact;
    mpq_t prop, resp, y, d, step;   /* values of the round's proposer and responder, undiscounted */
    mpq_inits(prop, resp, y, d, step, NULL);
    mpq_set_ui(d, 1, 2);
    mpq_set_ui(step, 1, 20);
    mpq_set_ui(prop, 0, 1);   /* after the last rejection: nothing */
    mpq_set_ui(resp, 0, 1);
    for (int k = 10; k >= 1; k--) {
        /* rejecting: the responder proposes next round, worth d * (its proposer value) */
        mpq_t rej;
        mpq_init(rej);
        mpq_mul(rej, d, prop);   /* the next proposer is today's responder */
        mpq_t next_resp;
        mpq_init(next_resp);
        mpq_mul(next_resp, d, resp);
        mpq_set_ui(y, 1, 40);
        while (mpq_cmp(y, rej) < 0)
            mpq_add(y, y, step);
        mpq_t keep;
        mpq_init(keep);
        mpq_set_ui(keep, 1, 1);
        mpq_sub(keep, keep, y);   /* the proposer keeps 1 - y, or lets it be rejected */
        if (mpq_cmp(next_resp, keep) > 0) {
            mpq_set(resp, rej);
            mpq_set(prop, next_resp);
        } else {
            mpq_set(prop, keep);
            mpq_set(resp, y);
        }
        mpq_clear(keep);
        mpq_clear(rej);
        mpq_clear(next_resp);
    }
    CHECK(r->verified && r->count_exact && mpz_cmp_ui(r->nspe, 1) == 0);
    CHECK(mpq_equal(r->value[0], prop));
    CHECK(mpq_equal(r->value[1], resp));
    CHECK(mpz_cmp_ui(r->k->nodes, 0) > 0 && mpz_get_d(r->k->nodes) == 32336842105261.0);
    CHECK_EQ_INT(r->k->nclasses, 10 * 41 + 1);
    mpq_clears(prop, resp, y, d, step, NULL);
    brink_analysis_free(a);
    brink_scenario_free(sc);

    /* other parameter values (--set): brink_scenario_set_defaults, then the same answer */
    offers(text, sizeof text, "0.5", 4, 3);
    {
        brink_scenario *ct = load(text, 1), *tr = load(text, 0);
        mpq_t v[2];
        mpq_init(v[0]);
        mpq_init(v[1]);
        mpq_set_ui(v[0], 7, 10);
        brink_error e2;
        brink_error_clear(&e2);
        CHECK(brink_scenario_set_defaults(ct, (const mpq_t *)v, &e2) == BRINK_OK);
        CHECK(brink_scenario_set_defaults(tr, (const mpq_t *)v, &e2) == BRINK_OK);
        brink_analysis *ca = analyse(ct), *ta = analyse(tr);
        const struct brink_compact_result *cr = ca->compact;
        CHECK_EQ_INT(ta->count, 1);
        for (int p = 0; p < 2; p++)
            CHECK(mpq_equal(ta->eq[0].valueq[p], cr->value[p]));
        CHECK(same_play(ta->game, &ta->eq[0], cr));
        /* a compact scenario has no tree to bind: refused, located */
        brink_error_clear(&e2);
        CHECK(brink_scenario_instance_new(ct, &e2) == NULL);
        CHECK(e2.code == BRINK_EUNSUPPORTED && e2.line > 0);
        CHECK(brink_scenario_game(ct) == NULL);
        mpq_clear(v[0]);
        mpq_clear(v[1]);
        brink_analysis_free(ca);
        brink_analysis_free(ta);
        brink_scenario_free(ct);
        brink_scenario_free(tr);
    }
    /* public chance moves (issue 15, item 2): in repeated sub-games, with parameter-dependent
     * probabilities (some 0: branches off the play), in the middle of a round, at the root,
     * with inexact probabilities, with ties below them */
    {
        const char *ps[] = {"0.5", "0.3", "0", "1"};
        for (int i = 0; i < 4; i++) {
            snprintf(text, sizeof text, chance_offers_fmt, "0.5", ps[i], 0.125, 0.875, 0.25,
                     0.125, 0.875, 0.25, 3);
            compare(text, 0);
        }
        snprintf(text, sizeof text, chance_offers_fmt, "0.7", "0.6", 0.1, 0.9, 0.2, 0.1, 0.9,
                 0.2, 2);
        compare(text, 0);
        snprintf(text, sizeof text, middle_fmt, "0.3", 3);
        compare(text, 0);
        snprintf(text, sizeof text, middle_fmt, "0.9", 4);
        compare(text, 0);
        snprintf(text, sizeof text, chance_ties_fmt, "0", 3);   /* 2^(nodes after go) */
        compare(text, 0);
        snprintf(text, sizeof text, chance_ties_fmt, "1", 3);   /* B's stay/leave: A's value */
        compare(text, 1);
        compare("brink: 1\nid: rt\nactors: {A: {}, B: {}}\n"
                "parameters: {p: {value: 0.25, range: [0, 1]}}\n"
                "issues: {state: [low, mid, high]}\n"
                "game:\n  chance:\n    hi:\n      prob: p\n      outcome: {state: high}\n"
                "      A:\n        x: {B: {u: {payoff: {A: 1, B: 2}}, v: {payoff: {A: 2, B: 1}}}}\n"
                "        y: {B: {u: {payoff: {A: 3, B: 0}}, v: {payoff: {A: 0, B: 4}}}}\n"
                "    lo:\n      prob: 1 - p\n      A:\n"
                "        x: {B: {u: {payoff: {A: 1, B: 2}}, v: {payoff: {A: 2, B: 1}}}}\n"
                "        y: {outcome: {state: mid}, payoff: {A: 1.5, B: 1}}\n", 0);
        compare("brink: 1\nid: ie\nactors: {A: {}}\ngame:\n  chance:\n"
                "    a: {prob: \"0.5^0.5\", A: {l: {payoff: {A: 1}}, r: {payoff: {A: 2}}}}\n"
                "    b: {prob: \"1 - 0.5^0.5\", A: {l: {payoff: {A: 3}}, r: {payoff: {A: 0}}}}\n",
                0);
        /* other parameter values: the compact game's probabilities are re-read (and
         * checked, located, as a re-bind of the tree checks them) */
        snprintf(text, sizeof text, chance_offers_fmt, "0.5", "0.5", 0.125, 0.875, 0.25, 0.125,
                 0.875, 0.25, 3);
        brink_scenario *ct = load(text, 1), *tr = load(text, 0);
        mpq_t v[2];
        mpq_init(v[0]);
        mpq_init(v[1]);
        mpq_set_ui(v[0], 3, 10);
        mpq_set_ui(v[1], 1, 5);
        brink_error e2;
        brink_error_clear(&e2);
        CHECK(brink_scenario_set_defaults(ct, (const mpq_t *)v, &e2) == BRINK_OK);
        CHECK(brink_scenario_set_defaults(tr, (const mpq_t *)v, &e2) == BRINK_OK);
        brink_analysis *ca = analyse(ct), *ta = analyse(tr);
        CHECK_EQ_INT(ta->count, 1);
        for (int p = 0; p < 2; p++)
            CHECK(mpq_equal(ta->eq[0].valueq[p], ca->compact->value[p]));
        CHECK(same_play(ta->game, &ta->eq[0], ca->compact));
        brink_analysis_free(ca);
        brink_analysis_free(ta);
        brink_scenario_free(ct);
        brink_scenario_free(tr);
        /* a probability that is not one: refused as the tree refuses it, at the chance move */
        const char *bad[] = {
            "brink: 1\nid: b\nactors: {A: {}}\nparameters: {q: {value: 0.5}}\n"
            "subgames:\n  s:\n    body:\n      chance:\n"
            "        h: {prob: q, A: {l: {payoff: {A: 1}}, r: next}}\n"
            "        t: {prob: 0.6 - q, A: {l: {payoff: {A: 2}}, r: next}}\n"
            "game: {repeat: s, times: 3, then: {}}\n",
            "brink: 1\nid: b\nactors: {A: {}}\nparameters: {q: {value: 0.5}}\n"
            "subgames:\n  s:\n    body:\n      chance:\n"
            "        h: {prob: q - 0.7, A: {l: {payoff: {A: 1}}, r: next}}\n"
            "        t: {prob: 1.7 - q, A: {l: {payoff: {A: 2}}, r: next}}\n"
            "game: {repeat: s, times: 3, then: {}}\n",
            "brink: 1\nid: b\nactors: {A: {}}\nparameters: {q: {value: 0.5, range: [0, 2]}}\n"
            "subgames:\n  s:\n    body:\n      chance:\n"
            "        h: {prob: q, A: {l: {payoff: {A: 1}}, r: next}}\n"
            "        t: {prob: 1 - q, A: {l: {payoff: {A: 2}}, r: next}}\n"
            "game: {repeat: s, times: 3, then: {}}\n"};
        for (int i = 0; i < 3; i++) {
            brink_scenario_limits lim;
            brink_scenario_limits_init(&lim);
            brink_error et, ec;
            brink_error_clear(&et);
            brink_error_clear(&ec);
            lim.compact_above = 0;
            CHECK(brink_scenario_parse(bad[i], strlen(bad[i]), "c.yaml", &lim, &et) == NULL);
            lim.compact_above = 1;
            CHECK(brink_scenario_parse(bad[i], strlen(bad[i]), "c.yaml", &lim, &ec) == NULL);
            CHECK(et.code == ec.code && et.line == ec.line && et.column == ec.column && et.line > 0);
            CHECK_MSG(strcmp(et.message, ec.message) == 0, "%s | %s", et.message, ec.message);
        }
        /* a re-bind at a value that makes one negative */
        ct = load("brink: 1\nid: b\nactors: {A: {}}\nparameters: {q: {value: 0.5}}\n"
                  "subgames:\n  s:\n    body:\n      chance:\n"
                  "        h: {prob: q, A: {l: {payoff: {A: 1}}, r: next}}\n"
                  "        t: {prob: 1 - q, A: {l: {payoff: {A: 2}}, r: next}}\n"
                  "game: {repeat: s, times: 3, then: {}}\n", 1);
        CHECK(brink_scenario_is_compact(ct));
        mpq_set_ui(v[0], 3, 2);
        brink_error_clear(&e2);
        CHECK(brink_scenario_set_defaults(ct, (const mpq_t *)v, &e2) != BRINK_OK);
        CHECK(e2.line > 0 && strstr(e2.message, "negative (-1/2) at these parameter values"));
        brink_scenario_free(ct);
        mpq_clear(v[0]);
        mpq_clear(v[1]);
        /* hidden chance moves stay on the tree */
        snprintf(text, sizeof text, chance_offers_fmt, "0.5", "0.5", 0.125, 0.875, 0.25, 0.125,
                 0.875, 0.25, 2);
        char *h = strstr(text, "      chance:");
        char hidden_text[4096];
        snprintf(hidden_text, sizeof hidden_text, "%.*s      hidden: true\n%s", (int)(h - text),
                 text, h);
        ct = load(hidden_text, 1);
        CHECK(!brink_scenario_is_compact(ct));
        brink_scenario_free(ct);
    }

    /* payoffs collected on the options (tester 11b, F2): classes share sub-games that differ
     * by a constant per actor, and the answer is the tree's */
    {
        const char *ws[] = {"1", "0.5", "2"};
        for (int i = 0; i < 3; i++) {
            snprintf(text, sizeof text, tally_fmt, ws[i], 10, 7, 10, "3", "0.5", 5);
            compare(text, 0);
        }
        snprintf(text, sizeof text, tally_fmt, "1", 10, 1000000, 10, "0", "0", 6);
        compare(text, 0);
        snprintf(text, sizeof text, tally_fmt, "1", 3, 5, 4, "1/3", "-2", 4);
        compare(text, 0);
        /* 14 rounds (1.4e7 nodes, every one a distinct key when the costs were in it): a few
         * hundred classes */
        snprintf(text, sizeof text, tally_fmt, "1", 10, 1000000, 10, "0", "0", 14);
        brink_scenario *ct = load(text, 1);
        CHECK(brink_scenario_is_compact(ct));
        brink_analysis *ca = analyse(ct);
        CHECK(ca->compact->verified && ca->compact->k->nclasses < 400);
        CHECK(ca->compact->k->nedge_terms > 0);
        brink_analysis_free(ca);
        brink_scenario_free(ct);
    }

    fprintf(stderr, "%d reports compared line by line\n", ntexts);
    CHECK(ntexts >= 9);
    /* 14 rounds of 20 offers: 5173894736842105261 nodes, past pass 1's saturated count
       (2^62 - 1); the refusals give the exact count (tester 11b F7) */
    {
        offers(text, sizeof text, "0.5", 20, 14);
        brink_scenario *big = load(text, 1);
        CHECK(brink_scenario_is_compact(big));
        const char *want = "5173894736842105261";
        CHECK(mpz_cmp_str(big->compact->nodes, want) == 0);
        brink_error e3;
        brink_error_clear(&e3);
        CHECK(brink_scenario_instance_new(big, &e3) == NULL);
        CHECK_MSG(strstr(e3.message, want) && !strstr(e3.message, "4611686018427387903"), "%s",
                  e3.message);
        brink_analysis_options o3;
        brink_analysis_options_init(&o3);
        o3.method = "lcp";
        brink_error_clear(&e3);
        CHECK(brink_analyze(big, &o3, &e3) == NULL);
        CHECK_MSG(e3.code == BRINK_EUNSUPPORTED && strstr(e3.message, want), "%s", e3.message);
        brink_scenario_free(big);
    }
    /* a game without payoffs stays with the tree */
    sc = load("brink: 1\nid: z\nactors: {A: {}}\ngame: {A: {a: {}, b: {}}}\n", 1);
    CHECK(!brink_scenario_is_compact(sc));
    brink_scenario_free(sc);

    /* other methods are refused with the scenario's place */
    offers(text, sizeof text, "0.5", 3, 2);
    sc = load(text, 1);
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    o.method = "lcp";
    brink_error err;
    brink_error_clear(&err);
    CHECK(brink_analyze(sc, &o, &err) == NULL);
    CHECK(err.code == BRINK_EUNSUPPORTED && err.line > 0 && strstr(err.message, "compact"));
    brink_scenario_free(sc);
    /* questions, hidden moves: the tree, as before */
    const char *hidden =
        "brink: 1\nid: h\nactors: {A: {}, B: {}}\n"
        "game:\n  hidden: true\n  A:\n    l: {B: {x: {payoff: {A: 1}}, y: {payoff: {A: 2}}}}\n"
        "    r: {B: {x: {payoff: {A: 3}}, y: {payoff: {A: 0}}}}\n";
    sc = load(hidden, 1);
    CHECK(!brink_scenario_is_compact(sc));
    brink_scenario_free(sc);
    /* a coin seen only by A, and B never moves: perfect information, the compact game
     * (tester 12, F9.2); when B moves first, the tree as before */
    const char *coin_fmt =
        "brink: 1\nid: w6\nactors: {A: {}, B: {}}\nissues: {n: {numeric: true, default: 0}}\n"
        "subgames:\n  r:\n    body:\n      seen_by: [A]\n      chance:\n"
        "        heads:\n          prob: 1/3\n          A:\n"
        "            stop: {outcome: {n: round}, payoff: {A: 0, B: 0}}\n            go: next\n"
        "        tails:\n          prob: 2/3\n          A:\n"
        "            stop: {outcome: {n: round}, payoff: {A: 2, B: 0}}\n            go: next\n"
        "game:\n  repeat: r\n  times: 3\n  then: {outcome: {n: 99}, payoff: {A: 1, B: 1}}\n";
    snprintf(text, sizeof text, "%s", coin_fmt);
    compare(text, 0);
    {
        char t2[4096];
        snprintf(t2, sizeof t2, "brink: 1\nid: w7\nactors: {A: {}, B: {}}\n"
                 "subgames:\n  r:\n    body:\n      seen_by: [A]\n      chance:\n"
                 "        h: {prob: 1/2, A: {x: {payoff: {A: 1}}, y: {payoff: {A: 0}}}}\n"
                 "        t: {prob: 1/2, B: {x: {payoff: {B: 1}}, y: {payoff: {B: 0}}}}\n"
                 "game: {repeat: r, times: 3, then: {}}\n");
        sc = load(t2, 1);   /* B moves after a coin it does not see */
        CHECK(!brink_scenario_is_compact(sc));
        brink_scenario_free(sc);
    }
    return check_finish();
}
