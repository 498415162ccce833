/*
 * "Did you mean": the closest known name to a misspelt one, by the
 * Damerau-Levenshtein distance (a swap of two neighbours counts once).
 */
#include <string.h>

#include "xlcfg.h"

#define MAXLEN 64

static unsigned int min3(unsigned int a, unsigned int b, unsigned int c)
{
    unsigned int m = a < b ? a : b;

    return m < c ? m : c;
}

/* Edit distance between A and B, both at most MAXLEN long. */
static unsigned int distance(const char *a, const char *b)
{
    unsigned int d[MAXLEN + 1][MAXLEN + 1];
    size_t la = strlen(a), lb = strlen(b), i, j;

    for ( i = 0; i <= la; i++ )
        d[i][0] = i;
    for ( j = 0; j <= lb; j++ )
        d[0][j] = j;
    for ( i = 1; i <= la; i++ )
        for ( j = 1; j <= lb; j++ )
        {
            unsigned int cost = a[i - 1] != b[j - 1];

            d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
                           d[i - 1][j - 1] + cost);
            if ( i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                 a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < d[i][j] )
                d[i][j] = d[i - 2][j - 2] + 1;
        }
    return d[la][lb];
}

/* Length of the common prefix of A and B. */
static size_t prefix(const char *a, const char *b)
{
    size_t n = 0;

    while ( a[n] && a[n] == b[n] )
        n++;
    return n;
}

/*
 * Case is ignored (MEMORY finds memory); between equally distant names the
 * one sharing the longer prefix wins (maxmemory finds maxmem, not memory).
 */
const char *xlcfg_closest(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    unsigned int bestd = ~0u, limit;
    size_t len = strlen(word), i, bestp = 0;
    char lower[MAXLEN + 1];

    if ( len == 0 || len > MAXLEN )
        return NULL;
    for ( i = 0; i <= len; i++ )
        lower[i] = word[i] >= 'A' && word[i] <= 'Z' ? word[i] - 'A' + 'a'
                                                   : word[i];
    /* One edit for short words, up to a third of the length for long ones. */
    limit = len <= 4 ? 1 : len / 3 + 1;
    for ( ; *candidates; candidates++ )
    {
        unsigned int dist;

        if ( strlen(*candidates) > MAXLEN )
            continue;
        dist = distance(lower, *candidates);
        if ( dist < bestd ||
             (dist == bestd && prefix(lower, *candidates) > bestp) )
        {
            bestd = dist;
            best = *candidates;
            bestp = prefix(lower, *candidates);
        }
    }
    return bestd <= limit ? best : NULL;
}
