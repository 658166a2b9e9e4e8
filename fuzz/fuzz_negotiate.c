/* fuzz_negotiate.c — negotiation domains on arbitrary bytes: the YAML form
 * (src/negotiate/yaml.c) from memory, and the GENIUS XML pair (src/negotiate/genius.c: one
 * domain file and one utility space, the input split at the first NUL byte) through
 * temporary files, the reader's interface. A refusal is an error with a message (located
 * inside the input for YAML); an accepted domain is finished: every utility lies in [0, 1],
 * the outcome order is sorted, and when small a short negotiation of two built-in agents runs
 * to an end whose utilities are those of the domain, none below a party's reservation value
 * (the agents weigh the discount against walking away), and the domain written as GENIUS files
 * (or refused with a message) reads back with the same utilities. */
#include "fuzz_common.h"

#include <math.h>
#include <unistd.h>

static void play(const brink_neg_domain *d)
{
    if (d->nparties != 2 || d->noutcomes > 4096)
        return;
    for (int p = 0; p < d->nparties; p++) {
        const brink_neg_party *q = &d->party[p];
        for (size_t k = 0; k < d->noutcomes; k++)
            if (!(q->u[k] >= -1e-9 && q->u[k] <= 1 + 1e-9))
                FUZZ_BUG("party %d: utility %g of outcome %zu off [0, 1]", p, q->u[k], k);
        for (size_t k = 1; k < d->noutcomes; k++)
            if (q->u[q->order[k]] > q->u[q->order[k - 1]])
                FUZZ_BUG("party %d: outcome order not by utility at %zu", p, k);
    }
    const brink_neg_agent_type *a[2] = {brink_neg_agent_find("conceder"),
                                        brink_neg_agent_find("reciprocity")};
    if (!a[0] || !a[1])
        FUZZ_BUG("built-in agents missing");
    brink_neg_options o;
    brink_neg_options_init(&o);
    o.max_rounds = 8;
    o.trace = 1;
    brink_neg_result r;
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_neg_run(d, a, &o, &r, &err);
    if (st != BRINK_OK) {
        if (st != BRINK_ENOMEM)
            FUZZ_BUG("finished domain refused by the protocol: %s", err.message);
        return;
    }
    if (r.end == BRINK_NEG_AGREEMENT && r.agreement >= d->noutcomes)
        FUZZ_BUG("agreement on outcome %zu of %zu", r.agreement, d->noutcomes);
    for (int p = 0; p < 2; p++) /* built-in agents weigh discounting against walking away */
        if (!(r.utility[p] >= d->party[p].reservation))
            FUZZ_BUG("party %d gets %.17g, below its reservation value %.17g (%s in turn %d)", p,
                     r.utility[p], d->party[p].reservation,
                     r.end == BRINK_NEG_AGREEMENT ? "agreed" : "ended", r.turns);
    brink_buf b;
    brink_buf_init(&b);
    brink_neg_report_run_text(&b, d, a, &r);
    brink_neg_report_run_json(&b, d, a, &r);
    brink_buf_free(&b);
    brink_neg_result_free(&r);
}

static int write_tmp(char *path, const uint8_t *data, size_t n)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, data + off, n - off);
        if (w <= 0) {
            close(fd);
            unlink(path);
            return -1;
        }
        off += (size_t)w;
    }
    close(fd);
    return 0;
}

/* GENIUS out: each file is written or refused with a message; when all are written they
 * read back as a domain with the same outcomes and the same utilities (to 1e-9). */
static void rewrite(const brink_neg_domain *d)
{
    if (d->nparties > BRINK_NEG_MAX_PARTIES || d->noutcomes > 4096)
        return;
    char paths[BRINK_NEG_MAX_PARTIES + 1][32];
    const char *ut[BRINK_NEG_MAX_PARTIES];
    int made = 0, ok = 1;
    brink_buf b;
    brink_buf_init(&b);
    for (int k = 0; k <= d->nparties && ok; k++) {
        brink_error err;
        brink_error_clear(&err);
        brink_buf_reset(&b);
        brink_status st = k == 0 ? brink_neg_write_genius_domain(d, &b, &err)
                                 : brink_neg_write_genius_utility(d, k - 1, 10, &b, &err);
        if (st != BRINK_OK) {
            if (st != BRINK_ENOMEM && (st != BRINK_EUNSUPPORTED || !err.message[0]))
                FUZZ_BUG("GENIUS writer: status %d '%s'", (int)st, err.message);
            ok = 0;
            break;
        }
        strcpy(paths[k], "/tmp/brink-fuzz-wXXXXXX");
        if (write_tmp(paths[k], (const uint8_t *)b.data, b.len)) {
            ok = 0;
            break;
        }
        made++;
        if (k) ut[k - 1] = paths[k];
    }
    brink_buf_free(&b);
    if (ok) {
        brink_neg_domain *back = NULL;
        brink_error err;
        brink_error_clear(&err);
        brink_status st = brink_neg_read_genius(paths[0], ut, d->nparties, 10, &back, &err);
        if (st != BRINK_OK && st != BRINK_ENOMEM)
            FUZZ_BUG("written GENIUS files do not read back: %s", err.message);
        if (st == BRINK_OK) {
            if (back->noutcomes != d->noutcomes)
                FUZZ_BUG("read back: %zu outcomes, not %zu", back->noutcomes, d->noutcomes);
            for (int p = 0; p < d->nparties; p++)
                for (size_t k = 0; k < d->noutcomes; k++)
                    if (fabs(back->party[p].u[k] - d->party[p].u[k]) > 1e-9)
                        FUZZ_BUG("read back: party %d outcome %zu: %g, not %g", p, k,
                                 back->party[p].u[k], d->party[p].u[k]);
        }
        brink_neg_domain_free(back);
    }
    for (int k = 0; k < made; k++)
        unlink(paths[k]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    brink_neg_domain *d = NULL;
    brink_error err;
    brink_error_clear(&err);
    if (data[0] != '<') {   /* YAML */
        brink_status st = brink_neg_read_yaml((const char *)data, size, "fuzz.yaml", &d, &err);
        if (st != BRINK_OK) {
            fuzz_check_error(&err, st, size);
            return 0;
        }
    } else {                /* GENIUS: domain \0 utility space */
        const uint8_t *nul = memchr(data, 0, size);
        size_t n1 = nul ? (size_t)(nul - data) : size;
        char dom[] = "/tmp/brink-fuzz-domXXXXXX", ut[] = "/tmp/brink-fuzz-utXXXXXX";
        if (write_tmp(dom, data, n1))
            return 0;
        if (write_tmp(ut, nul ? nul + 1 : data, nul ? size - n1 - 1 : 0)) {
            unlink(dom);
            return 0;
        }
        const char *uts[2] = {ut, ut};
        brink_status st = brink_neg_read_genius(dom, uts, 2, 10, &d, &err);
        unlink(dom);
        unlink(ut);
        if (st != BRINK_OK) {
            if (st != err.code || !err.message[0])
                FUZZ_BUG("GENIUS refusal without its record: %d %d '%s'", (int)st,
                         (int)err.code, err.message);
            return 0;
        }
    }
    if (!d || !d->finished)
        FUZZ_BUG("accepted domain not finished");
    play(d);
    rewrite(d);
    brink_neg_domain_free(d);
    return 0;
}
