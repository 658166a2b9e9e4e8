/* bicliques.h — maximal convex sets and components of the equilibria of a bimatrix game
 * (private).
 *
 * The extreme equilibria are the edges (x, y) of a bipartite graph between the extreme points
 * of the two players. A set X' x Y' with every pair an equilibrium spans a convex set of
 * equilibria, conv(X') x conv(Y'); the maximal convex sets are the maximal bicliques (Avis,
 * Rosenberg, Savani, von Stengel 2010; Gambit's enummixed -c, lrsnash's blocks). Two maximal
 * sets intersect exactly when they share an extreme equilibrium (an edge). Sets sharing only
 * an x are still connected, through the set that contains the star {x} x N(x); so the
 * connected components of the equilibrium set are the connected parts of the bipartite graph,
 * computed here as the classes of edges joined through common maximal sets.
 */
#ifndef BRINK_SOLVE_BICLIQUES_H
#define BRINK_SOLVE_BICLIQUES_H

#include "brink/error.h"

typedef struct bicliques {
    int ncliques;
    int *start;      /* [ncliques + 1]: clique k is members[start[k] .. start[k+1]) */
    int *members;    /* edge indices, increasing within a clique */
    int ncomp;
    int *comp;       /* [nedges]: component of each edge, numbered by first edge */
} bicliques;

/* Edges e = 0..nedges-1 join x = ex[e] (0..nx-1) and y = ey[e] (0..ny-1), no duplicates.
 * More than max_cliques maximal sets (0 = no limit) stops with BRINK_ETOOBIG. */
brink_status bicliques_find(int nx, int ny, int nedges, const int *ex, const int *ey,
                            long max_cliques, bicliques *out, brink_error *err);
void bicliques_free(bicliques *b);

#endif
