/*
 * warn.c: an event's warning level, from its growth against its own
 * recent baseline, its risk and its heat, with the thresholds of
 * dict/warning.conf.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "datafile.h"
#include "record.h"
#include "yq.h"

/*
 * warning.conf: "level min_last min_growth min_risk min_heat" lines,
 * most severe first; '#' comments.  A level is reached when the last
 * hour holds at least min_last posts and grew min_growth times over the
 * hourly mean of the 24 hours before it, or when the event's risk or
 * heat reaches min_risk or min_heat.
 */
int
warn_load(struct params *p, const char *path)
{
	struct datafile *df = df_open(path, 4096, 0);
	char *line;
	size_t len;
	int r;

	if (df == NULL) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	p->nlevels = 0;
	while ((r = df_next(df, &line, &len)) > 0) {
		struct warnlevel *w = &p->levels[p->nlevels];
		char extra;

		if (p->nlevels == 4 || sscanf(line, "%7s %d %lf %lf %lf %c", w->name,
		    &w->min_last, &w->min_growth, &w->min_risk, &w->min_heat,
		    &extra) != 5) {
			df_bad(df, "want 'level min_last min_growth min_risk "
			    "min_heat' (at most four levels)");
			df_close(df);
			return -1;
		}
		p->nlevels++;
	}
	return df_close(df) < 0 || r < 0 ? -1 : 0;
}

/* Posts in the hour before now, and the hourly mean of the 24 hours before. */
static void
rates(const struct event *e, time_t now, double *last, double *base)
{
	time_t h;
	uint32_t i;

	*last = *base = 0;
	for (i = 0; i < e->nhours; i++) {
		h = CL_HOUR_START(e->hours[i].t);
		if (h > now - 3600 && h <= now)
			*last += e->hours[i].n;
		else if (h > now - 25 * 3600 && h <= now - 3600)
			*base += e->hours[i].n;
	}
	*base /= 24;
}

const char *
warn_level(const struct params *p, const struct event *e, time_t now,
    double *growth)
{
	double last, base;
	int i;

	rates(e, now, &last, &base);
	*growth = last / (base > 0.5 ? base : 0.5);
	for (i = 0; i < p->nlevels; i++) {
		const struct warnlevel *w = &p->levels[i];

		if ((last >= w->min_last && *growth >= w->min_growth) ||
		    e->risk >= w->min_risk || e->heat >= w->min_heat)
			return w->name;
	}
	return "none";
}
