/*
 * route.c: what is news to one subscriber about one event.  What was
 * sent is remembered as change keys: "warning:N" (the level alerted),
 * "due:T" and "overdue:T" (T the deadline, so a new deadline is news
 * again) and "answered".  A later post on the event changes none of
 * them and so sends nothing; a warning raised, a deadline falling due
 * or passing, an answer found after an alert each do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "yq.h"

/* True when key is a line of sent ("\nk1\nk2\n"). */
static int
was_sent(const char *sent, const char *key)
{
	char probe[80];

	if (sent == NULL)
		return 0;
	snprintf(probe, sizeof probe, "\n%s\n", key);
	return strstr(sent, probe) != NULL;
}

/* The highest warning level alerted before, -1 when none. */
static int
level_sent(const char *sent)
{
	int best = -1, n;
	const char *p = sent;

	while (p != NULL && (p = strstr(p, "\nwarning:")) != NULL) {
		p += 9;
		n = *p - '0';
		if (n > best)
			best = n;
	}
	return best;
}

static void
add_key(char **keys, const char *key, long long v)
{
	char *n = v < 0 ? xasprintf("%s%s\n", *keys ? *keys : "", key) :
	    xasprintf("%s%s:%lld\n", *keys ? *keys : "", key, v);

	free(*keys);
	*keys = n;
}

/* The deadline's change: overdue, due within the lead time, or none. */
static unsigned
deadline_change(const struct ev *e, const struct sub *s, const char *sent,
    time_t now)
{
	char key[64];

	if (e->status != ST_OPEN || e->deadline == 0)
		return 0;
	snprintf(key, sizeof key, "overdue:%lld", (long long)e->deadline);
	if (was_sent(sent, key))
		return 0;
	if (e->deadline <= now)
		return CH_OVERDUE;
	snprintf(key, sizeof key, "due:%lld", (long long)e->deadline);
	if (e->deadline - now <= s->lead && !was_sent(sent, key))
		return CH_DUE;
	return 0;
}

unsigned
route_one(const struct ev *e, const struct sub *s, const char *sent,
    time_t now, struct alert *a)
{
	unsigned ch = 0;
	int prev = level_sent(sent);

	memset(a, 0, sizeof *a);
	if (e->warning >= s->level && e->warning > prev)
		ch |= prev < 0 ? CH_NEW : CH_RAISED;
	ch |= deadline_change(e, s, sent, now);
	if (e->status == ST_ANSWERED && sent != NULL && sent[0] != '\0' &&
	    !was_sent(sent, "answered"))
		ch |= CH_ANSWERED;
	ch &= s->notify;
	if (ch == 0)
		return 0;
	a->sub = s;
	a->ev = e;
	a->changes = ch;
	a->from_level = prev;
	if (ch & (CH_NEW | CH_RAISED))
		add_key(&a->keys, "warning", e->warning);
	if (ch & CH_DUE)
		add_key(&a->keys, "due", (long long)e->deadline);
	if (ch & CH_OVERDUE)
		add_key(&a->keys, "overdue", (long long)e->deadline);
	/* An alert on an answered event says so: the answer is no news later. */
	if (e->status == ST_ANSWERED && !was_sent(sent, "answered"))
		add_key(&a->keys, "answered", -1);
	return ch;
}
