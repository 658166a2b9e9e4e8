/* game.c — the tagged game union. */
#include "brink/game.h"

void brink_game_free(brink_game *g)
{
    if (!g) return;
    brink_nfg_free(g->nfg);
    brink_efg_free(g->efg);
    g->nfg = NULL;
    g->efg = NULL;
    g->kind = BRINK_GAME_NONE;
}
