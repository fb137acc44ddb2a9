/*
 * accounts.c: the registry of accounts that speak for a body, as data
 * (dict/accounts.tsv and the files --accounts names): who is speaking
 * when a platform says nothing of it, or says less than the office
 * knows (the level of a government account, the grade of a medium,
 * the body it speaks for).
 *
 * One account a line, tab-separated:
 *
 *	platform  name  id  type  level  body
 *
 * platform is a site (weibo, douyin ...), one of DESIGN's platforms or
 * "*" for any; id the platform's account id or "-"; type government,
 * party, media, enterprise, organization or person; level national,
 * province, city, county, town or "-"; body the organ it speaks for or
 * "-".  '#' starts a comment.  A later line for the same key wins, so a
 * user's file overrides the seed list.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yq.h"
#include "datafile.h"
#include "datapath.h"
#include "fetch.h"

struct accounts {
	json_t *keys;		/* "platform\x1fname" and "platform\x1f#id" */
	struct account *v;
	size_t n, cap;
	size_t nids;		/* lines with an id */
};

static const char *const types[] = { "government", "party", "media",
	"enterprise", "organization", "person", NULL };
static const char *const levels[] = { "national", "province", "city",
	"county", "town", "-", NULL };

static int
one_of(const char *s, const char *const *set)
{
	size_t i;

	for (i = 0; set[i] != NULL; i++)
		if (strcmp(s, set[i]) == 0)
			return 1;
	return 0;
}

static char *
dash_null(const char *s)
{
	return strcmp(s, "-") == 0 ? NULL : xstrdup(s);
}

static void
index_key(struct accounts *a, const char *platform, const char *key,
    int is_id, size_t i)
{
	char *k = xasprintf("%s\x1f%s%s", platform, is_id ? "#" : "", key);

	json_object_set_new(a->keys, k, json_integer((json_int_t)i));
	free(k);
}

/* Add one line split into its six fields; NULL, or why it is bad. */
static const char *
add(struct accounts *a, char **f)
{
	struct account *ac;

	if (*f[0] == '\0' || *f[1] == '\0')
		return "no platform or name";
	if (!one_of(f[3], types))
		return "unknown type";
	if (!one_of(f[4], levels))
		return "unknown level";
	if (a->n == a->cap)
		a->v = xrealloc(a->v, (a->cap = a->cap * 2 + 16) * sizeof(*a->v));
	ac = &a->v[a->n];
	ac->type = xstrdup(f[3]);
	ac->level = dash_null(f[4]);
	ac->body = dash_null(f[5]);
	index_key(a, f[0], f[1], 0, a->n);
	if (strcmp(f[2], "-") != 0) {
		index_key(a, f[0], f[2], 1, a->n);
		a->nids++;
	}
	a->n++;
	return NULL;
}

/* Split line at tabs into six fields; 0, or -1 when the count differs. */
static int
split(char *line, char **f)
{
	int n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	for (;;) {
		if (n == 6)
			return -1;
		f[n++] = p;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p++ = '\0';
	}
	return n == 6 ? 0 : -1;
}

static int
load_file(struct accounts *a, const char *path)
{
	struct datafile *df = df_open(path, 4096, 0);
	char *line, *f[6];
	size_t len;
	const char *why;
	int r, rc = 0;

	if (df == NULL) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	while ((r = df_next(df, &line, &len)) > 0) {
		why = split(line, f) < 0 ? "not six tab-separated fields" :
		    add(a, f);
		if (why != NULL)
			rc = df_bad(df, "%s", why);
	}
	return df_close(df) < 0 || r < 0 ? -1 : rc;
}

struct accounts *
acct_load(const char *const *files, size_t n)
{
	struct accounts *a = xcalloc(1, sizeof(*a));
	char *seed = yq_datafile("accounts.tsv");
	int bad = 0;
	size_t i;

	a->keys = json_object();
	if (seed != NULL)
		bad = load_file(a, seed) < 0;
	free(seed);
	for (i = 0; i < n; i++)
		bad |= load_file(a, files[i]) < 0;
	if (bad) {
		acct_free(a);
		return NULL;
	}
	return a;
}

static const struct account *
get(const struct accounts *a, const char *platform, const char *key,
    int is_id)
{
	char buf[512];
	json_t *v;

	if (platform == NULL || key == NULL || *key == '\0' ||
	    (size_t)snprintf(buf, sizeof(buf), "%s\x1f%s%s", platform,
	    is_id ? "#" : "", key) >= sizeof(buf))
		return NULL;
	v = json_object_get(a->keys, buf);
	return v != NULL ? &a->v[json_integer_value(v)] : NULL;
}

const struct account *
acct_find(const struct accounts *a, const char *site, const char *platform,
    const char *id, const char *name)
{
	const char *const where[3] = { site, platform, "*" };
	const struct account *ac;
	int i, is_id;

	if (a == NULL || a->n == 0)
		return NULL;
	/* An id is surer than a name, which another account may take. */
	for (is_id = a->nids > 0; is_id >= 0; is_id--)
		for (i = 0; i < 3; i++)
			if ((ac = get(a, where[i], is_id ? id : name, is_id)) != NULL)
				return ac;
	return NULL;
}

void
acct_free(struct accounts *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->v[i].type);
		free(a->v[i].level);
		free(a->v[i].body);
	}
	free(a->v);
	json_decref(a->keys);
	free(a);
}
