/* efg_internal.h — the builder's private state, shared by efg_builder.c and efg_layout.c. */
#ifndef BRINK_EFG_INTERNAL_H
#define BRINK_EFG_INTERNAL_H

#include <stdio.h>
#include "brink/efg.h"
#include "core/htab.h"

/* A player with more actions at one information set than this is surely a mistake. */
#define BRINK_MAX_ACTIONS 1000000

typedef struct builder_infoset {
    int player, nactions, action_start, number, first_node;
    char *label;
} builder_infoset;

typedef struct builder_outcome {
    char *label;
    int number;
} builder_outcome;

typedef struct builder_node {
    int infoset, outcome, parent, action; /* action: local index at the parent */
    char *label;
} builder_node;

typedef struct builder_open {
    int node, next; /* a decision node still waiting for children, and its next action */
} builder_open;

struct brink_efg_builder {
    int nplayers;
    char *title, *comment;
    char **player_names;
    int *next_number;                    /* per player (+ chance): largest infoset number used */
    int next_outcome_number;
    builder_infoset *infosets;
    int ninfosets, infosets_cap;
    char **action_label;
    int nactions, actions_cap_l;
    mpq_t *probq;                        /* [nactions] initialised, [probq_cap] allocated */
    int probq_cap;
    builder_outcome *outcomes;
    int noutcomes, outcomes_cap;
    mpq_t *outcome_payq;                 /* [noutcomes * nplayers] initialised, [outpay_cap] */
    int outpay_cap;
    builder_node *nodes;
    int nnodes, nodes_cap;
    builder_open *stack;
    int depth, stack_cap;
    brink_arena *arena;
    /* Labels are interned: a text given many times (the same 20 offers at 176,841 decision
     * points) is stored once in the arena and every slot points at that copy. */
    htab strh;
    const char **strs;
    int nstrs, strs_cap;
    int borrow;          /* labels are the caller's, kept alive as long as the game: no copy */
    /* Sticky failure: the first error of any builder call, reported again by finish() so a
     * generator may check only at the end (as brink_buf does for writers). */
    brink_error failure;
};

#endif
