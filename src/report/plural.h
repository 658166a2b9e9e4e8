/* plural.h — the plural ending of a counted noun ("1 node", "2 nodes"), for every count the
 * reports print: a count of one reads in the singular. */
#ifndef BRINK_REPORT_PLURAL_H
#define BRINK_REPORT_PLURAL_H

/* "" for n == 1, else "s" (0 nodes, 1 node, 2 nodes). */
static inline const char *rep_s(long long n) { return n == 1 ? "" : "s"; }

#endif
