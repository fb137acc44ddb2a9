/*
 * gazetteer.h: China's provinces, prefectures and counties by name and by
 * code, for every tool that names or climbs places (yq-score finds them
 * in posts, yq-deadline climbs from a county to its province).
 */
#ifndef YQ_GAZETTEER_H
#define YQ_GAZETTEER_H

#include <stddef.h>
#include <jansson.h>

enum gaz_level { GAZ_PROVINCE, GAZ_CITY, GAZ_COUNTY };

struct gaz_place {
	const char *name;	/* today's full name: 泰顺县 */
	const char *shortname;	/* 泰顺, or the full name where it has none */
	char code[7];		/* today's 6-digit GB/T 2260 code */
	int level;		/* enum gaz_level */
	/*
	 * For an abolished or renamed division (卢湾区), its old full name;
	 * name and code are then today's division's.  NULL otherwise.
	 */
	const char *former;
	/*
	 * From a supplement (--places): the office's own places, which win
	 * a name they share with a place elsewhere (its 城东区 before Xining's).
	 */
	int local;
};

/*
 * What a name is of a place (gaz_candidates).  GAZ_N_SHORT: its short
 * form.  GAZ_N_WEAK: a name a reader takes for that place only with its
 * province or city beside it or an area word after it: most counties'
 * short forms (泰顺, 城东), short forms that are ordinary words (来宾,
 * 东方) and full names that are common nouns (新区).  GAZ_N_ORDINARY:
 * of those, an ordinary word (上街, 新城), which its province alone does
 * not make a place: its city must be named, or an area word follow.
 */
enum { GAZ_N_SHORT = 1, GAZ_N_WEAK = 2, GAZ_N_ORDINARY = 4 };

/*
 * Load the areacity CSV (id,pid,deep,name,...,ext_id,ext_name).  A
 * municipality or special region is one place, the province-level one
 * (110000 北京市): its city-level rows are aliases of it.  Returns -1
 * after reporting the file (and line) that is wrong.
 */
int gaz_load(const char *gazetteer_csv);
/*
 * Load "code<TAB>name<TAB>short<TAB>level[<TAB>parent]" lines (level:
 * province, city, county or district, which is county; the parent
 * column is allowed and ignored: the code says it; # comments).  A row
 * with a code already known adds a name for that place (an abolished or
 * renamed division).  -1 after reporting file:line.
 */
int gaz_load_supplement(const char *tsv);
/* The place a name (full, short, or abolished/renamed name mapped to today's
 * division) denotes, ambiguity resolved against ctx (a post's "places" array
 * as yq-score writes it, or NULL); NULL when no place has that name. */
const struct gaz_place *gaz_lookup(const char *name, size_t len, json_t *ctx);
/* The place with that code (a municipality's city code gives the
 * municipality); NULL when none. */
const struct gaz_place *gaz_by_code(const char *code);
/* The code one level up (331221 -> 331200 -> 330000; municipalities' districts go to the
 * province code) into buf[7]; NULL at the top. */
const char *gaz_parent(const char *code, char buf[7]);
void gaz_free(void);

/*
 * Every place called name[0..len): up to max into out, with kinds[i]
 * its GAZ_N_* bits.  Returns how many (0: no place has that name).
 */
size_t gaz_candidates(const char *name, size_t len, const struct gaz_place **out,
    int *kinds, size_t max);
/*
 * Byte length of the longest name that s[0..n) begins with, 0 when none;
 * cheap when none (a bitmap of names' first two characters is asked
 * first).
 */
size_t gaz_longest(const char *s, size_t n);
/*
 * False when no name begins with the first two characters of s[0..n):
 * two bit tests, for the scanners' common case.
 */
int gaz_may_begin(const char *s, size_t n);
/* True when a and b lie in one province (one city when both are below it). */
int gaz_same_area(const struct gaz_place *a, const struct gaz_place *b);
/* "province", "city" or "county". */
const char *gaz_level_name(int level);

#endif
