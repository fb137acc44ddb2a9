/*
 * places.c: what yq-deadline asks of places to find who owns an event:
 * for a 6-digit code (GB/T 2260), its full and short name, its level and
 * its parent.  The gazetteer is common/gazetteer.c, the one yq-score
 * finds places with, so both tools read gazetteer.csv, the abolished
 * names (places-former.tsv) and a --places supplement alike.  A place a
 * record names that the gazetteer does not know is learnt from it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath.h"
#include "deadline.h"
#include "gazetteer.h"
#include "record.h"
#include "yq.h"

/* code -> name, for codes records name and the gazetteer lacks */
static json_t *learnt;

int
places_load(const char *path)
{
	char *former;
	int r;

	if (gaz_load(path) < 0)
		return -1;
	if ((former = yq_datafile("places-former.tsv")) == NULL)
		return 0;
	r = gaz_load_supplement(former);
	free(former);
	return r;
}

int
places_load_supplement(const char *path)
{
	return gaz_load_supplement(path);
}

void
place_learn(const char *code, const char *name)
{
	if (code == NULL || name == NULL || strlen(code) != 6 || place_name(code) != NULL)
		return;
	if (learnt == NULL)
		learnt = json_object();
	json_object_set_new(learnt, code, json_string(name));
}

void
places_free(void)
{
	gaz_free();
	json_decref(learnt);
	learnt = NULL;
}

const char *
place_name(const char *code)
{
	const struct gaz_place *p = gaz_by_code(code);

	return p ? p->name : json_string_value(json_object_get(learnt, code ? code : ""));
}

const char *
place_short(const char *code)
{
	const struct gaz_place *p = gaz_by_code(code);

	return p ? p->shortname : place_name(code);
}

/*
 * Whether a place of a record counts for the owner: scene and body
 * places do; a side mention (the author's whereabouts, an airport) does
 * not.  Records without a role (older yq-score) count.
 */
int
place_counts(const json_t *place)
{
	const char *role = json_string_value(json_object_get(place, "role"));

	return role == NULL || strcmp(role, "side") != 0;
}

static int
valid(const char *code)
{
	return code != NULL && strlen(code) == 6 &&
	    strspn(code, "0123456789") == 6 && strcmp(code, "000000") != 0;
}

/* The gazetteer's level; by the code's pattern for a place it lacks. */
enum plevel
place_level(const char *code)
{
	const struct gaz_place *p = gaz_by_code(code);

	if (!valid(code))
		return PL_NONE;
	if (p != NULL)
		return p->level == GAZ_PROVINCE ? PL_PROVINCE : p->level == GAZ_CITY ?
		    PL_CITY : PL_COUNTY;
	if (strcmp(code + 2, "0000") == 0)
		return PL_PROVINCE;
	if (strcmp(code + 4, "00") == 0)
		return PL_CITY;
	return PL_COUNTY;
}

const char *
place_parent(const char *code, char *buf)
{
	return valid(code) ? gaz_parent(code, buf) : NULL;
}

const char *
place_lca(const char *a, const char *b, char *buf)
{
	char pa[7], pb[7];

	if (!valid(a) || !valid(b))
		return NULL;
	snprintf(pa, sizeof pa, "%s", a);
	snprintf(pb, sizeof pb, "%s", b);
	while (strcmp(pa, pb) != 0) {
		if (place_level(pa) >= place_level(pb)) {
			if (place_parent(pa, buf) == NULL)
				return NULL;
			memcpy(pa, buf, 7);
		} else {
			if (place_parent(pb, buf) == NULL)
				return NULL;
			memcpy(pb, buf, 7);
		}
	}
	memcpy(buf, pa, 7);
	return buf;
}
