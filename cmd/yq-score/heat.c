/*
 * heat.c: heat and risk.
 *
 *   heat = authority * (2 ln(1+reposts) + 1.5 ln(1+comments)
 *                       + 0.5 ln(1+likes) + 0.3 ln(1+views))
 *
 * authority: 1.5 for government and news sources, 1.2 for a verified
 * account (metrics.verified or an author that reads as an institution),
 * 1 for others.
 *
 *   risk = 100 * negativity * spread * severity * must
 *
 * negativity = (1 - sentiment) / 2 in 0..1; spread = 1 - e^(-heat/10);
 * severity = 1 for an emergency, 0.9 for rumour, 0.8 for public interest
 * and moral bottom line, 0.7 for policy misreading, 0.4 for anything
 * else; must = 1 for a must-respond category, else 0.6.
 */
#include <math.h>
#include <string.h>

#include "record.h"
#include "score.h"


/*
 * What yq-fetch says of the speaker (author_type): 1 for a government,
 * party or media account, 0 for another kind, -1 when it says nothing.
 */
int
official_type(json_t *obj)
{
	const char *t = rec_str(obj, "author_type");

	if (t == NULL)
		return -1;
	return strcmp(t, "government") == 0 || strcmp(t, "party") == 0 ||
	    strcmp(t, "media") == 0;
}

/* An author that reads as an institution: 沄江发布, 青石县应急管理局. */
int
is_official(json_t *obj)
{
	static const char *const ends[] = { "发布", "政府", "局", "委", "办", "公安",
	    "消防", "法院", "检察院", "中心", "日报", "电视台", "融媒", NULL };
	const char *a = rec_str(obj, "author"), *p = rec_str(obj, "platform");
	size_t n, k, i;
	int known = official_type(obj);

	if (p != NULL && strcmp(p, "gov") == 0)
		return 1;
	if (known >= 0)
		return known;
	if (a == NULL)
		return 0;
	n = strlen(a);
	for (i = 0; ends[i] != NULL; i++) {
		k = strlen(ends[i]);
		if (n >= k && strcmp(a + n - k, ends[i]) == 0)
			return 1;
	}
	return 0;
}

double
heat_of(json_t *obj)
{
	const char *p = rec_str(obj, "platform");
	double auth = 1;

	if (p != NULL && (strcmp(p, "gov") == 0 || strcmp(p, "news") == 0))
		auth = 1.5;
	else if (is_official(obj) || json_is_true(json_object_get(
	    json_object_get(obj, "metrics"), "verified")))
		auth = 1.2;
	return round(auth * rec_reach(obj) * 100) / 100;
}

static int
has(json_t *cats, const char *prefix)
{
	size_t i;
	json_t *c;

	json_array_foreach(cats, i, c)
		if (strncmp(json_string_value(c), prefix, strlen(prefix)) == 0)
			return 1;
	return 0;
}

double
risk_of(double heat, double sentiment, json_t *cats)
{
	double neg = (1 - sentiment) / 2, spread = 1 - exp(-heat / 10), sev = 0.4;
	int must;

	if (has(cats, "emergency"))
		sev = 1;
	else if (has(cats, "rumour"))
		sev = 0.9;
	else if (has(cats, "public_interest") || has(cats, "moral_bottom_line"))
		sev = 0.8;
	else if (has(cats, "policy_misreading"))
		sev = 0.7;
	must = has(cats, "emergency") || has(cats, "public_interest") ||
	    has(cats, "moral_bottom_line") || has(cats, "policy_misreading") ||
	    has(cats, "upper_request");
	return round(100 * neg * spread * sev * (must ? 1 : 0.6) * 10) / 10;
}
