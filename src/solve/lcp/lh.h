/* lh.h — Lemke–Howson complementary pivoting on the two best-response polytopes (private).
 *
 * Side 0 is P = {x >= 0 : B^T x <= 1} (variables x_i with label i, slacks with labels m + j);
 * side 1 is Q = {y >= 0 : A y <= 1} (variables y_j with label m + j, slacks with labels i),
 * as in bimatrix.h. A state is a pair of dictionaries, exact (vdict) or floating (ddict), and
 * the bookkeeping arrays of each (row_var, col_var, var_pos, owned by the dictionary). At a
 * completely labelled pair of bases each label is nonbasic on exactly one side. Dropping a
 * label k, the path alternates sides: the variable with the duplicate label enters, the
 * lexicographic ratio test picks the leaving one, until the label that leaves is k again.
 */
#ifndef BRINK_SOLVE_LH_H
#define BRINK_SOLVE_LH_H

typedef struct lh_side {
    void *dict;
    int (*ratio)(void *dict, int col);
    void (*pivot)(void *dict, int row, int col);
    int *row_var, *col_var, *var_pos; /* the dictionary's own arrays */
    int k, d;
} lh_side;

typedef enum { LH_OK = 0, LH_RAY = 1, LH_LIMIT = 2, LH_RUNNING = 3 } lh_status;

typedef struct lh_state {
    int m, n;
    lh_side side[2];
    long pivots;          /* total pivots made */
    int k;                /* the label dropped on the current path */
    int label, s;         /* next: the variable with this label enters on side s */
} lh_state;

/* Game label of variable v on side s, and the variable of label L on side s. */
int lh_label(const lh_state *st, int s, int v);
int lh_var(const lh_state *st, int s, int L);

/* Follow the path that drops label k from the current completely labelled pair, at most
 * max_pivots pivots (0 = no limit). */
lh_status lh_run(lh_state *st, int k, long max_pivots);

/* The same path one pivot at a time (so several paths can be raced): lh_start, then lh_step
 * until it returns something other than LH_RUNNING. */
void lh_start(lh_state *st, int k);
lh_status lh_step(lh_state *st);

#endif
