/*
 * gazetteer.c: the government bodies named in a post.
 *
 * A body is a department word (dict/bodies.txt: 人民政府, 生态环境局 ...)
 * after a place name (北溪区生态环境局) or after a bare level (市生态环境局),
 * which is resolved to the post's place of that level.  Places come from
 * the gazetteer in common/ (places.c finds them in posts).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "jit.h"
#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

#define MAXNAME 16		/* characters in a place name */

static pcre2_code *bodyre;
static pcre2_match_data *bodymd;

int
bodies_load(const char *path)
{
	struct linereader *lr = lr_open(path, 4096);
	char *line, *alt = NULL, *s;
	size_t len;
	int r, ec;
	PCRE2_SIZE off;

	if (lr == NULL) {
		warn("cannot open '%s'", path);
		return -1;
	}
	while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
		if (r != REC_OK || len == 0 || line[0] == '#')
			continue;
		s = alt ? xasprintf("%s|%s", alt, line) : xstrdup(line);
		free(alt);
		alt = s;
	}
	lr_close(lr);
	if (alt == NULL)
		alt = xstrdup("(?!)");
	bodyre = pcre2_compile((PCRE2_SPTR)alt, PCRE2_ZERO_TERMINATED, PCRE2_UTF |
	    PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &ec, &off, NULL);
	free(alt);
	if (bodyre == NULL) {
		warnx("%s: the department words do not compile", path);
		return -1;
	}
	yq_jit(bodyre);
	bodymd = pcre2_match_data_create_from_pattern(bodyre, NULL);
	return 0;
}

/* The post's first place of a level ("市" -> city). */
static json_t *
place_of_level(json_t *places, const char *level)
{
	size_t i;
	json_t *p;

	json_array_foreach(places, i, p)
		if (strcmp(rec_str(p, "level"), level) == 0)
			return p;
	return NULL;
}

/* The post's place whose name ends at byte end of text, or NULL. */
static json_t *
place_before(const char *text, size_t end, json_t *places)
{
	const struct gaz_place *g;
	size_t st = end > MAXNAME * 3 ? end - MAXNAME * 3 : 0, i;
	json_t *p;

	for (; st + 6 <= end; st++) {
		if ((text[st] & 0xc0) == 0x80 || gaz_longest(text + st, end - st) != end - st)
			continue;
		if ((g = gaz_lookup(text + st, end - st, places)) == NULL)
			continue;
		json_array_foreach(places, i, p)
			if (strcmp(rec_str(p, "code"), g->code) == 0)
				return p;
	}
	return NULL;
}

/* The post's place of the level a bare 市, 区, 县 or 省 before end names. */
static json_t *
level_before(const char *text, size_t end, json_t *places)
{
	const char *lv = NULL;

	if (end < 3)
		return NULL;
	if (memcmp(text + end - 3, "市", 3) == 0)
		lv = "city";
	else if (memcmp(text + end - 3, "区", 3) == 0 ||
	    memcmp(text + end - 3, "县", 3) == 0)
		lv = "county";
	else if (memcmp(text + end - 3, "省", 3) == 0)
		lv = "province";
	return lv ? place_of_level(places, lv) : NULL;
}

json_t *
gaz_bodies(const char *text, json_t *places)
{
	json_t *out = json_array(), *seen = json_object(), *p;
	size_t n = strlen(text), start = 0;
	PCRE2_SIZE *ov;
	char *name;

	while (bodyre != NULL && start < n && pcre2_match(bodyre, (PCRE2_SPTR)text,
	    n, start, 0, bodymd, NULL) > 0) {
		ov = pcre2_get_ovector_pointer(bodymd);
		/* A place name that ends where the department word starts. */
		if ((p = place_before(text, ov[0], places)) != NULL ||
		    (p = level_before(text, ov[0], places)) != NULL) {
			name = xasprintf("%s%.*s", rec_str(p, "name"), (int)(ov[1] - ov[0]),
			    text + ov[0]);
			if (json_object_get(seen, name) == NULL) {
				json_object_set_new(seen, name, json_true());
				json_array_append_new(out, json_pack("{s:s, s:s}", "name", name,
				    "place", rec_str(p, "code")));
			}
			free(name);
		}
		start = ov[1] > start ? ov[1] : start + 1;
	}
	json_decref(seen);
	return out;
}

void
bodies_free(void)
{
	pcre2_code_free(bodyre);
	pcre2_match_data_free(bodymd);
	bodyre = NULL;
	bodymd = NULL;
}
