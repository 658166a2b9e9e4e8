/* test_neg_setup.c — a scenario's negotiation section read for a report's tournament
 * (brink_neg_read_setup): no section is no setup; `domain: korea` names the built-in domain
 * (the same outcomes and utilities as brink_neg_domain_builtin); agents and repetitions
 * default to every registered agent and 20, or are the listed ones in order; bad sections
 * are errors located at the offending node.
 */
#include "brink/negotiate.h"
#include "check.h"

static brink_status setup(const char *text, brink_neg_setup *s, brink_error *e)
{
    brink_error_clear(e);
    return brink_neg_read_setup(text, strlen(text), "t.yaml", s, e);
}

static void test_none(void)
{
    brink_neg_setup s;
    brink_error e;
    CHECK_EQ_INT(setup("id: x\nissues: {a: [p, q]}\n", &s, &e), BRINK_OK);
    CHECK(s.domain == NULL && s.agents == NULL && s.nagents == 0);
    brink_neg_setup_free(&s);
}

static void test_builtin_default_agents(void)
{
    brink_neg_setup s;
    brink_error e;
    CHECK_EQ_INT(setup("id: x\nnegotiation:\n  domain: korea\n", &s, &e), BRINK_OK);
    brink_neg_domain *k = NULL;
    CHECK_EQ_INT(brink_neg_domain_builtin("korea", &k, &e), BRINK_OK);
    CHECK(s.domain && k && s.domain->noutcomes == k->noutcomes && s.domain->nparties == 2);
    for (size_t o = 0; s.domain && k && o < k->noutcomes; o++)
        for (int p = 0; p < 2; p++)
            if (s.domain->party[p].u[o] != k->party[p].u[o]) {
                CHECK_MSG(0, "outcome %zu party %d differs", o, p);
                o = k->noutcomes - 1;
                break;
            }
    int n = 0;
    const brink_neg_agent_type *const *all = brink_neg_agent_types();
    while (all[n])
        n++;
    CHECK_EQ_INT(s.nagents, n);
    for (int i = 0; i < s.nagents && i < n; i++)
        CHECK(s.agents[i] == all[i]);
    CHECK_EQ_INT(s.repetitions, BRINK_NEG_SETUP_REPETITIONS);
    brink_neg_domain_free(k);
    brink_neg_setup_free(&s);
    CHECK(s.domain == NULL && s.agents == NULL);
}

static void test_listed(void)
{
    brink_neg_setup s;
    brink_error e;
    CHECK_EQ_INT(setup("negotiation:\n  domain: split\n  agents: [reciprocity, no-more, "
                       "boulware]\n  repetitions: 7\n", &s, &e), BRINK_OK);
    CHECK_EQ_INT(s.nagents, 3);
    if (s.nagents == 3) {
        CHECK(s.agents[0] == brink_neg_agent_find("reciprocity"));
        CHECK(s.agents[1] == brink_neg_agent_find("no-more"));
        CHECK(s.agents[2] == brink_neg_agent_find("boulware"));
    }
    CHECK_EQ_INT(s.repetitions, 7);
    CHECK(s.domain && s.domain->nissues == 1 && s.domain->noutcomes == 101);
    brink_neg_setup_free(&s);
}

/* Each bad section: the error's code, place and words; nothing is left allocated. */
static void bad(const char *text, int line, int col, const char *words)
{
    brink_neg_setup s;
    brink_error e;
    CHECK_EQ_INT(setup(text, &s, &e), BRINK_EINVALID);
    CHECK_MSG(e.line == line && e.column == col, "%s: at %d:%d, not %d:%d", words, e.line,
              e.column, line, col);
    CHECK_MSG(strstr(e.message, words) != NULL, "'%s' not in '%s'", words, e.message);
    CHECK(s.domain == NULL && s.agents == NULL);
}

static void test_errors(void)
{
    bad("negotiation:\n  domain: atlantis\n", 2, 11, "no built-in domain 'atlantis'");
    bad("negotiation:\n  domain: [korea]\n", 2, 11, "must name a built-in domain");
    bad("negotiation:\n  domain: korea\n  agents: [linear, nobody]\n", 3, 20, "no agent 'nobody'");
    bad("negotiation:\n  domain: korea\n  agents: [linear, linear]\n", 3, 20, "listed twice");
    bad("negotiation:\n  domain: korea\n  agents: [linear]\n", 3, 11, "two or more agents");
    bad("negotiation:\n  domain: korea\n  repetitions: 2.5\n", 3, 16, "whole number");
    bad("negotiation:\n  domain: korea\n  steps: 3\n", 3, 10, "cannot stand beside");
    bad("negotiation:\n  domain: korea\n  rounds: 3\n", 3, 3, "unknown key 'rounds'");
}

int main(void)
{
    test_none();
    test_builtin_default_agents();
    test_listed();
    test_errors();
    return check_finish();
}
