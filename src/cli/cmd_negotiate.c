/* cmd_negotiate.c — `brink negotiate` (one negotiation with its trace) and `brink tournament`
 * (every pairing of agents over domains and repetitions). Domains: built-in names, random:SEED
 * (a reproducible random domain) or a GENIUS domain with one utility file per party. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "brink/negotiate.h"

#define NEG_MAX_DOMAINS 256
#define NEG_MAX_AGENTS 64

/* Split a comma list in place into at most max items; returns the count or -1. */
static int neg_split(char *s, char **items, int max)
{
    int n = 0;
    for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ",")) {
        if (n == max) return -1;
        items[n++] = tok;
    }
    return n;
}

/* A domain from a spec: a built-in name, random:SEED or a YAML file (*.yaml, *.yml). */
static int neg_load(const char *cmd, const char *spec, int rounds, brink_neg_domain **out)
{
    brink_error e;
    brink_error_clear(&e);
    brink_status st;
    size_t n = strlen(spec);
    if ((n > 5 && !strcmp(spec + n - 5, ".yaml")) || (n > 4 && !strcmp(spec + n - 4, ".yml"))) {
        st = brink_neg_read_yaml_file(spec, out, &e);
    } else if (!strncmp(spec, "random:", 7)) {
        long seed;
        if (cli_parse_long(spec + 7, &seed) != 0 || seed < 0)
            return cli_usage_error(cmd, "random:SEED needs a seed >= 0, not '%s'", spec + 7);
        st = brink_neg_domain_random((uint64_t)seed, 4, 4, out, &e);
    } else {
        st = brink_neg_domain_builtin(spec, out, &e);
    }
    (void)rounds;
    return st ? cli_report(&e) : 0;
}

/* --genius DOMAIN.xml,UTIL1.xml,UTIL2.xml[,...] */
static int neg_load_genius(const char *cmd, char *arg, int rounds, brink_neg_domain **out)
{
    char *items[1 + BRINK_NEG_MAX_PARTIES];
    int n = neg_split(arg, items, 1 + BRINK_NEG_MAX_PARTIES);
    if (n < 3) return cli_usage_error(cmd, "--genius needs DOMAIN.xml,UTILITY1.xml,UTILITY2.xml");
    brink_error e;
    brink_error_clear(&e);
    if (brink_neg_read_genius(items[0], (const char *const *)items + 1, n - 1, rounds, out, &e))
        return cli_report(&e);
    return 0;
}

static int neg_agents(const char *cmd, char *arg, const brink_neg_agent_type **ag, int *n)
{
    if (!strcmp(arg, "all")) {
        const brink_neg_agent_type *const *all = brink_neg_agent_types();
        for (*n = 0; all[*n]; (*n)++) ag[*n] = all[*n];
        return 0;
    }
    char *items[NEG_MAX_AGENTS];
    int k = neg_split(arg, items, NEG_MAX_AGENTS);
    if (k <= 0) return cli_usage_error(cmd, "--agents needs a comma-separated list (at most %d)",
                                       NEG_MAX_AGENTS);
    for (int i = 0; i < k; i++) {
        ag[i] = brink_neg_agent_find(items[i]);
        if (!ag[i]) return cli_usage_error(cmd, "no agent '%s' (see brink negotiate --list)",
                                           items[i]);
    }
    *n = k;
    return 0;
}

static int neg_list(void)
{
    brink_buf o;
    brink_buf_init(&o);
    brink_buf_puts(&o, "Agents:\n");
    for (const brink_neg_agent_type *const *a = brink_neg_agent_types(); *a; a++)
        brink_buf_printf(&o, "  %-13s %s\n", (*a)->name, (*a)->summary);
    brink_buf_puts(&o, "Domains: ");
    for (const char *const *d = brink_neg_domain_builtin_names(); *d; d++)
        brink_buf_printf(&o, "%s ", *d);
    brink_buf_puts(&o, "random:SEED, FILE.yaml, or --genius DOMAIN.xml,UTILITY1.xml,"
                       "UTILITY2.xml\n");
    int rc = cli_emit(&o, NULL);
    brink_buf_free(&o);
    return rc;
}

/* Shared numeric options; returns 1 when argv[*i] was one (consuming its value), -1 on a bad
 * value (already reported in *rc), 0 when not. */
static int neg_num_opt(const char *cmd, int argc, char **argv, int *i, const char *name,
                       long lo, long hi, long *out, int *rc)
{
    if (strcmp(argv[*i], name) != 0) return 0;
    if (*i + 1 >= argc) {
        *rc = cli_usage_error(cmd, "%s needs a value", name);
        return -1;
    }
    long v;
    if (cli_parse_long(argv[++*i], &v) != 0 || v < lo || v > hi) {
        *rc = cli_usage_error(cmd, "%s must be an integer from %ld to %ld, not '%s'", name, lo,
                              hi, argv[*i]);
        return -1;
    }
    *out = v;
    return 1;
}

/* A name usable as a file name in DIR: the GENIUS reader takes a party's name from its file's. */
static int neg_file_name_ok(const char *s)
{
    return *s && *s != '.' && !strchr(s, '/');
}

/* --write-genius DIR: the domain file and one utility file per party, named as
 * brink_neg_read_genius names things, so `--genius` reads them back as the same domain. Every
 * text is made before any file is written: a refusal leaves nothing behind. */
static int neg_write_genius(const char *cmd, const brink_neg_domain *d, const char *dir, int rounds)
{
    if (!neg_file_name_ok(d->name))
        return cli_usage_error(cmd, "domain name '%s' cannot be a file name", d->name);
    for (int p = 0; p < d->nparties; p++)
        if (!neg_file_name_ok(d->party[p].actor) || !strcmp(d->party[p].actor, d->name))
            return cli_usage_error(cmd, "party name '%s' cannot be a file name next to the "
                                   "domain's", d->party[p].actor);
    brink_buf b[BRINK_NEG_MAX_PARTIES + 1], path, list;
    brink_buf_init(&path);
    brink_buf_init(&list);
    brink_error e;
    brink_error_clear(&e);
    brink_status st = BRINK_OK;
    int nb = d->nparties + 1, rc = BRINK_EXIT_OK;
    for (int k = 0; k < nb; k++) brink_buf_init(&b[k]);
    for (int k = 0; k < nb && !st; k++)
        st = k == 0 ? brink_neg_write_genius_domain(d, &b[0], &e)
                    : brink_neg_write_genius_utility(d, k - 1, rounds, &b[k], &e);
    for (int k = 0; k < nb && !st; k++) {
        brink_buf_reset(&path);
        brink_buf_printf(&path, "%s/%s.xml", dir, k == 0 ? d->name : d->party[k - 1].actor);
        st = path.failed ? brink_error_set(&e, BRINK_ENOMEM, "out of memory")
                         : brink_buf_write_file(&b[k], path.data, &e);
        if (!st) brink_buf_printf(&list, "%s%s", k == 0 ? "" : ",", path.data);
    }
    if (st) rc = cli_report(&e);
    if (!rc) {
        brink_buf out;
        brink_buf_init(&out);
        brink_buf_printf(&out, "wrote the GENIUS files of '%s' (%d rounds); read them back with\n"
                               "  brink negotiate --rounds %d --genius '%s'\n",
                         d->name, rounds, rounds, list.failed ? "" : list.data);
        rc = cli_emit(&out, NULL);
        brink_buf_free(&out);
    }
    for (int k = 0; k < nb; k++) brink_buf_free(&b[k]);
    brink_buf_free(&path);
    brink_buf_free(&list);
    return rc;
}

int brink_cli_negotiate(int argc, char **argv)
{
    const char *cmd = "negotiate", *out_path = NULL, *genius_dir = NULL;
    char *domain_spec = NULL, *genius = NULL, *agents_arg = NULL;
    int mediated = 0;
    long rounds = 100, seed = 1;
    double seconds = 0;
    int json = 0, rc = 0;
    for (int i = 1; i < argc; i++) {
        int r;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: brink negotiate [--domain NAME|FILE.yaml | --genius D.xml,U1.xml,U2.xml]\n"
                   "                       [--agents A,B] [--rounds N] [--seconds T] [--seed S]\n"
                   "                       [--protocol alternating|mediated] [--json] [-o FILE]\n"
                   "       brink negotiate [--domain ...|--genius ...] [--rounds N] --write-genius DIR\n"
                   "       brink negotiate --list\n\n"
                   "Run one negotiation under the stacked alternating offers protocol and print\n"
                   "every action with the utilities it gives. --seconds adds a wall-clock deadline\n"
                   "(not reproducible). --protocol mediated: a mediator's single text, parties\n"
                   "voting as hill-climbers (no agents). Defaults: --domain korea\n"
                   "--agents no-more,reciprocity --rounds 100 --seed 1. --write-genius DIR writes\n"
                   "the domain as GENIUS XML (DIR/DOMAIN.xml, DIR/PARTY.xml; discounts for N rounds)\n"
                   "instead of running it. See docs/negotiate.md.\n");
            return BRINK_EXIT_OK;
        }
        if (!strcmp(argv[i], "--list")) return neg_list();
        if ((r = neg_num_opt(cmd, argc, argv, &i, "--rounds", 1, 1000000, &rounds, &rc))) {
            if (r < 0) return rc;
        } else if ((r = neg_num_opt(cmd, argc, argv, &i, "--seed", 0, 0x7fffffffffffffffL, &seed,
                                    &rc))) {
            if (r < 0) return rc;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
            if (cli_parse_double(argv[++i], &seconds) != 0 || !(seconds > 0) || seconds > 1e6)
                return cli_usage_error(cmd, "--seconds must be a number in (0, 10^6], not '%s'",
                                       argv[i]);
        } else if (!strcmp(argv[i], "--domain") && i + 1 < argc) {
            domain_spec = argv[++i];
        } else if (!strcmp(argv[i], "--genius") && i + 1 < argc) {
            genius = argv[++i];
        } else if (!strcmp(argv[i], "--agents") && i + 1 < argc) {
            agents_arg = argv[++i];
        } else if (!strcmp(argv[i], "--protocol") && i + 1 < argc) {
            i++;
            if (!strcmp(argv[i], "mediated")) mediated = 1;
            else if (strcmp(argv[i], "alternating"))
                return cli_usage_error(cmd, "--protocol is alternating or mediated, not '%s'",
                                       argv[i]);
        } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            out_path = argv[++i];
        } else if (!strcmp(argv[i], "--write-genius") && i + 1 < argc) {
            genius_dir = argv[++i];
        } else {
            return cli_usage_error(cmd, "unknown option or missing value '%s'", argv[i]);
        }
    }
    if (domain_spec && genius) return cli_usage_error(cmd, "give --domain or --genius, not both");
    if (mediated && agents_arg)
        return cli_usage_error(cmd, "the mediated protocol has no agents (parties vote)");
    brink_neg_domain *d = NULL;
    rc = genius ? neg_load_genius(cmd, genius, (int)rounds, &d)
                : neg_load(cmd, domain_spec ? domain_spec : "korea", (int)rounds, &d);
    if (rc) return rc;
    if (genius_dir) {
        rc = neg_write_genius(cmd, d, genius_dir, (int)rounds);
        brink_neg_domain_free(d);
        return rc;
    }
    const brink_neg_agent_type *ag[NEG_MAX_AGENTS];
    int na = 0;
    char defaults[] = "no-more,reciprocity";
    if (!mediated) rc = neg_agents(cmd, agents_arg ? agents_arg : defaults, ag, &na);
    if (!rc && !mediated && na != d->nparties)
        rc = cli_usage_error(cmd, "domain '%s' has %d parties but %d agents were given",
                             d->name, d->nparties, na);
    if (rc) {
        brink_neg_domain_free(d);
        return rc;
    }
    brink_neg_options o;
    brink_neg_options_init(&o);
    o.max_rounds = (int)rounds;
    o.max_seconds = seconds;
    o.seed = (uint64_t)seed;
    o.trace = 1;
    brink_neg_result r;
    brink_error e;
    brink_error_clear(&e);
    if (mediated ? brink_neg_run_mediated(d, &o, &r, &e) : brink_neg_run(d, ag, &o, &r, &e)) {
        brink_neg_domain_free(d);
        return cli_report(&e);
    }
    brink_buf b;
    brink_buf_init(&b);
    if (json) brink_neg_report_run_json(&b, d, mediated ? NULL : ag, &r);
    else brink_neg_report_run_text(&b, d, mediated ? NULL : ag, &r);
    rc = cli_emit(&b, out_path);
    brink_buf_free(&b);
    brink_neg_result_free(&r);
    brink_neg_domain_free(d);
    return rc;
}

int brink_cli_tournament(int argc, char **argv)
{
    const char *cmd = "tournament", *out_path = NULL;
    char *domains_arg = NULL, *agents_arg = NULL;
    char *genius[NEG_MAX_DOMAINS];
    int ngenius = 0, json = 0, rc = 0;
    long reps = 10, rounds = 100, threads = 1, seed = 1;
    brink_neg_tournament_options o;
    brink_neg_tournament_options_init(&o);
    for (int i = 1; i < argc; i++) {
        int r;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: brink tournament [--domains D1,D2,...] [--genius D.xml,U1.xml,U2.xml]...\n"
                   "                        [--agents A,B,...|all] [--reps N] [--rounds N]\n"
                   "                        [--threads N] [--seed S] [--self-play] [--json] "
                   "[-o FILE]\n\n"
                   "Run every ordered pairing of agents on every domain, N times, and report per\n"
                   "agent: agreement rate, mean utility, social welfare and distances to the\n"
                   "Pareto front, the Nash point and the Kalai-Smorodinsky point, each with a 95%%\n"
                   "confidence half-width. Defaults: --domains korea --agents all --reps 10\n"
                   "--rounds 100 --threads 1 --seed 1. Results do not depend on --threads.\n");
            return BRINK_EXIT_OK;
        }
        if ((r = neg_num_opt(cmd, argc, argv, &i, "--rounds", 1, 1000000, &rounds, &rc)) ||
            (r = neg_num_opt(cmd, argc, argv, &i, "--reps", 1, 1000000, &reps, &rc)) ||
            (r = neg_num_opt(cmd, argc, argv, &i, "--threads", 1, 256, &threads, &rc)) ||
            (r = neg_num_opt(cmd, argc, argv, &i, "--seed", 0, 0x7fffffffffffffffL, &seed, &rc))) {
            if (r < 0) return rc;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--self-play")) {
            o.self_play = 1;
        } else if (!strcmp(argv[i], "--domains") && i + 1 < argc) {
            domains_arg = argv[++i];
        } else if (!strcmp(argv[i], "--genius") && i + 1 < argc) {
            if (ngenius == NEG_MAX_DOMAINS) return cli_usage_error(cmd, "too many --genius");
            genius[ngenius++] = argv[++i];
        } else if (!strcmp(argv[i], "--agents") && i + 1 < argc) {
            agents_arg = argv[++i];
        } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            out_path = argv[++i];
        } else {
            return cli_usage_error(cmd, "unknown option or missing value '%s'", argv[i]);
        }
    }
    o.repetitions = (int)reps;
    o.max_rounds = (int)rounds;
    o.threads = (int)threads;
    o.seed = (uint64_t)seed;
    const brink_neg_agent_type *ag[NEG_MAX_AGENTS];
    int na = 0;
    char all[] = "all";
    if ((rc = neg_agents(cmd, agents_arg ? agents_arg : all, ag, &na))) return rc;
    brink_neg_domain *dom[NEG_MAX_DOMAINS];
    int nd = 0;
    char *items[NEG_MAX_DOMAINS];
    int ni = 0;
    char korea[] = "korea";
    if (domains_arg || ngenius == 0) {
        ni = neg_split(domains_arg ? domains_arg : korea, items, NEG_MAX_DOMAINS - ngenius);
        if (ni < 0) return cli_usage_error(cmd, "at most %d domains", NEG_MAX_DOMAINS);
    }
    for (int k = 0; k < ni && !rc; k++)
        if (!(rc = neg_load(cmd, items[k], (int)rounds, &dom[nd]))) nd++;
    for (int k = 0; k < ngenius && !rc; k++)
        if (!(rc = neg_load_genius(cmd, genius[k], (int)rounds, &dom[nd]))) nd++;
    for (int k = 0; k < nd && !rc; k++)
        if (dom[k]->nparties != 2)
            rc = cli_usage_error(cmd, "domain '%s' has %d parties; tournaments pair two agents",
                                 dom[k]->name, dom[k]->nparties);
    if (!rc && nd == 0) rc = cli_usage_error(cmd, "no domain");
    if (!rc) {
        brink_neg_tournament t;
        brink_error e;
        brink_error_clear(&e);
        if (brink_neg_tournament_run((const brink_neg_domain *const *)dom, nd, ag, na, &o, &t,
                                     &e)) {
            rc = cli_report(&e);
        } else {
            brink_buf b;
            brink_buf_init(&b);
            if (json)
                brink_neg_report_tournament_json(&b, (const brink_neg_domain *const *)dom, nd,
                                                 &t, &o);
            else
                brink_neg_report_tournament_text(&b, (const brink_neg_domain *const *)dom, nd,
                                                 &t, &o);
            rc = cli_emit(&b, out_path);
            brink_buf_free(&b);
            brink_neg_tournament_free(&t);
        }
    }
    for (int k = 0; k < nd; k++) brink_neg_domain_free(dom[k]);
    return rc;
}
