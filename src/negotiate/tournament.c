/* tournament.c — every ordered pairing of agents on every domain, repeated, on worker threads.
 * Negotiation j (in the order pairing-major, then domain, then repetition) gets the seed drawn
 * from the root stream split at j, and worker w runs the negotiations j = w mod threads; the
 * statistics are summed afterwards in j order, so the result does not depend on the number
 * of threads. Metrics per negotiation: agreement, utilities, welfare and the Euclidean
 * distances of the utility pair to the Pareto-optimal outcomes, the Nash point and the
 * Kalai-Smorodinsky point (points.c).
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "brink/negotiate.h"

void brink_neg_tournament_options_init(brink_neg_tournament_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_rounds = 100;
    o->repetitions = 10;
    o->threads = 1;
    o->seed = 1;
}

typedef struct {
    double u0, u1, dpareto, dnash, dks; /* NaN distance: no Nash/KS point in that domain */
    int agreed;
} neg_rec;

typedef struct {
    int a, b, dom;
} neg_job;

typedef struct neg_ctx {
    const brink_neg_domain *const *domains;
    const brink_neg_points *points;
    const brink_neg_agent_type *const *agents;
    const brink_neg_tournament_options *o;
    neg_job *pairs;         /* [npairs] */
    long npairs_dom;        /* pairings x domains */
    long njobs;
    neg_rec *rec;
    int threads;
    /* the first failure (worker order), under the mutex */
    pthread_mutex_t m;
    int failed;
    brink_error err;
} neg_ctx;

typedef struct {
    neg_ctx *c;
    int w;
} neg_worker;

static double neg_dist(double a0, double a1, const double *b)
{
    return sqrt((a0 - b[0]) * (a0 - b[0]) + (a1 - b[1]) * (a1 - b[1]));
}

static void *neg_work(void *arg)
{
    neg_worker *wk = arg;
    neg_ctx *c = wk->c;
    brink_rng root;
    brink_rng_seed(&root, c->o->seed);
    brink_neg_options no;
    brink_neg_options_init(&no);
    no.max_rounds = c->o->max_rounds;
    for (long j = wk->w; j < c->njobs; j += c->threads) {
        int stop;
        pthread_mutex_lock(&c->m);
        stop = c->failed;
        pthread_mutex_unlock(&c->m);
        if (stop) break;
        const neg_job *jb = &c->pairs[j / c->o->repetitions];
        brink_rng r;
        brink_rng_split(&root, (uint64_t)j, &r);
        no.seed = brink_rng_next(&r);
        const brink_neg_agent_type *ag[2] = {c->agents[jb->a], c->agents[jb->b]};
        const brink_neg_domain *d = c->domains[jb->dom];
        brink_neg_result res;
        brink_error e;
        brink_error_clear(&e);
        brink_status st = brink_neg_run(d, ag, &no, &res, &e);
        if (st) {
            pthread_mutex_lock(&c->m);
            if (!c->failed) {
                c->failed = 1;
                c->err = e;
                brink_error_prefix(&c->err, "%s vs %s on %s", ag[0]->name, ag[1]->name,
                                   d->name);
            }
            pthread_mutex_unlock(&c->m);
            break;
        }
        const brink_neg_points *p = &c->points[jb->dom];
        neg_rec *rc = &c->rec[j];
        rc->agreed = res.end == BRINK_NEG_AGREEMENT;
        rc->u0 = res.utility[0];
        rc->u1 = res.utility[1];
        rc->dpareto = brink_neg_points_pareto_distance(d, p, res.utility[0], res.utility[1]);
        rc->dnash = p->has_nash ? neg_dist(res.utility[0], res.utility[1], p->nash_u) : NAN;
        rc->dks = p->has_nash ? neg_dist(res.utility[0], res.utility[1], p->ks_u) : NAN;
        brink_neg_result_free(&res);
    }
    return NULL;
}

/* Running sums for a brink_neg_stat. */
typedef struct {
    double s, ss;
    long n;
} neg_acc;

static void neg_add(neg_acc *a, double x)
{
    if (isnan(x)) return;
    a->s += x;
    a->ss += x * x;
    a->n++;
}

static brink_neg_stat neg_stat(const neg_acc *a)
{
    brink_neg_stat s = {NAN, NAN, a->n};
    if (a->n == 0) return s;
    s.mean = a->s / (double)a->n;
    if (a->n > 1) {
        double var = (a->ss - a->s * s.mean) / (double)(a->n - 1);
        s.ci95 = 1.96 * sqrt(var > 0 ? var : 0) / sqrt((double)a->n);
    } else {
        s.ci95 = 0;
    }
    return s;
}

typedef struct {
    long n, agreed;
    neg_acc rate, util, welfare, dp, dn, dk;
} neg_sum;

static void neg_sum_add(neg_sum *s, const neg_rec *r, double own)
{
    s->n++;
    s->agreed += r->agreed;
    neg_add(&s->rate, r->agreed);
    neg_add(&s->util, own);
    neg_add(&s->welfare, r->u0 + r->u1);
    neg_add(&s->dp, r->dpareto);
    neg_add(&s->dn, r->dnash);
    neg_add(&s->dk, r->dks);
}

static void neg_sum_out(const neg_sum *s, const char *name, brink_neg_agent_summary *o)
{
    o->name = name;
    o->negotiations = s->n;
    o->agreements = s->agreed;
    o->agreement_rate = neg_stat(&s->rate);
    o->utility = neg_stat(&s->util);
    o->welfare = neg_stat(&s->welfare);
    o->pareto_distance = neg_stat(&s->dp);
    o->nash_distance = neg_stat(&s->dn);
    o->ks_distance = neg_stat(&s->dk);
}

void brink_neg_tournament_free(brink_neg_tournament *t)
{
    if (!t) return;
    free(t->agent);
    free(t->pair);
    t->agent = t->pair = NULL;
}

brink_status brink_neg_tournament_run(const brink_neg_domain *const *domains, int ndomains,
                                      const brink_neg_agent_type *const *agents, int nagents,
                                      const brink_neg_tournament_options *o,
                                      brink_neg_tournament *t, brink_error *err)
{
    memset(t, 0, sizeof *t);
    double t0 = brink_now();
    if (ndomains < 1 || nagents < 1)
        return brink_error_set(err, BRINK_EINVALID, "tournament: no domain or no agent");
    if (o->repetitions < 1 || o->threads < 1 || o->threads > 256)
        return brink_error_set(err, BRINK_EINVALID, "tournament: repetitions >= 1 and 1-256 "
                               "threads needed");
    if (nagents < 2 && !o->self_play)
        return brink_error_set(err, BRINK_EINVALID, "tournament: one agent and no self-play "
                               "make no pairing");
    for (int k = 0; k < ndomains; k++)
        if (!domains[k]->finished || domains[k]->nparties != 2)
            return brink_error_set(err, BRINK_EINVALID, "tournament: domain '%s' is not a "
                                   "finished two-party domain", domains[k]->name);
    long npair = 0;
    for (int a = 0; a < nagents; a++)
        for (int b = 0; b < nagents; b++) npair += (a != b || o->self_play);
    long njobs = npair * ndomains * o->repetitions;
    if (njobs > BRINK_NEG_MAX_NEGOTIATIONS)
        return brink_error_set(err, BRINK_ETOOBIG, "tournament: %ld negotiations (limit %ld)",
                               njobs, (long)BRINK_NEG_MAX_NEGOTIATIONS);
    neg_ctx c;
    memset(&c, 0, sizeof c);
    c.domains = domains;
    c.agents = agents;
    c.o = o;
    c.njobs = njobs;
    c.threads = o->threads;
    brink_neg_points *pts = calloc((size_t)ndomains, sizeof *pts);
    c.pairs = malloc((size_t)(npair * ndomains) * sizeof *c.pairs);
    c.rec = calloc((size_t)njobs, sizeof *c.rec);
    neg_sum *sa = calloc((size_t)nagents, sizeof *sa);
    neg_sum *sp = calloc((size_t)nagents * (size_t)nagents, sizeof *sp);
    t->agent = calloc((size_t)nagents, sizeof *t->agent);
    t->pair = calloc((size_t)nagents * (size_t)nagents, sizeof *t->pair);
    brink_status st = BRINK_OK;
    if (!pts || !c.pairs || !c.rec || !sa || !sp || !t->agent || !t->pair)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int k = 0; k < ndomains && !st; k++) st = brink_neg_points_compute(domains[k], &pts[k], err);
    c.points = pts;
    long q = 0;
    for (int a = 0; a < nagents && !st; a++)
        for (int b = 0; b < nagents; b++) {
            if (a == b && !o->self_play) continue;
            for (int k = 0; k < ndomains; k++) c.pairs[q++] = (neg_job){a, b, k};
        }
    if (!st) {
        if (pthread_mutex_init(&c.m, NULL) != 0) {
            st = brink_error_set(err, BRINK_ENOMEM, "tournament: no mutex");
        } else {
            int nt = o->threads;
            pthread_t *th = calloc((size_t)nt, sizeof *th);
            neg_worker *wk = calloc((size_t)nt, sizeof *wk);
            int started = 0;
            if (!th || !wk) st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            for (int w = 0; w < nt && !st; w++) wk[w] = (neg_worker){&c, w};
            for (int w = 0; w < nt && !st; w++) {
                if (w > 0 && pthread_create(&th[w], NULL, neg_work, &wk[w]) != 0) {
                    /* fewer threads: this one's share is run by the calling thread below */
                    break;
                }
                started = w + 1;
            }
            if (!st) {
                /* shares of workers that did not start run here, in turn */
                for (int w = 0; w < nt; w++)
                    if (w == 0 || w >= started) neg_work(&wk[w]);
                for (int w = 1; w < started; w++) pthread_join(th[w], NULL);
            }
            free(th);
            free(wk);
            pthread_mutex_destroy(&c.m);
            if (!st && c.failed) {
                if (err) *err = c.err;
                st = c.err.code ? c.err.code : BRINK_EINTERNAL;
            }
        }
    }
    if (!st) {
        neg_sum all;
        memset(&all, 0, sizeof all);
        for (long j = 0; j < njobs; j++) {
            const neg_job *jb = &c.pairs[j / o->repetitions];
            const neg_rec *r = &c.rec[j];
            neg_sum_add(&sa[jb->a], r, r->u0); /* each role counts, in self-play too */
            neg_sum_add(&sa[jb->b], r, r->u1);
            neg_sum_add(&sp[jb->a * nagents + jb->b], r, r->u0);
            neg_sum_add(&all, r, r->u0);
            neg_add(&all.util, r->u1); /* overall utility: both sides' */
        }
        for (int a = 0; a < nagents; a++) {
            neg_sum_out(&sa[a], agents[a]->name, &t->agent[a]);
            for (int b = 0; b < nagents; b++)
                neg_sum_out(&sp[a * nagents + b], agents[a]->name, &t->pair[a * nagents + b]);
        }
        neg_sum_out(&all, "all", &t->overall);
        t->nagents = nagents;
        t->ndomains = ndomains;
        t->negotiations = njobs;
        t->seconds = brink_now() - t0;
    }
    for (int k = 0; pts && k < ndomains; k++) brink_neg_points_free(&pts[k]);
    free(pts);
    free(c.pairs);
    free(c.rec);
    free(sa);
    free(sp);
    if (st) brink_neg_tournament_free(t);
    return st;
}
