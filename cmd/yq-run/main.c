/*
 * yq-run: run the stages of a pipeline (shell commands, joined by pipes)
 * as one run over the state store, effectively once (yq(7), "Runs").
 * It holds the run lock for as long as any stage lives, so runs take
 * turns; opens a run that yq-fetch keeps its records pending in; and
 * closes it, appending the last stage's output to --append's file,
 * only when every stage ended well.  A run that does not close leaves
 * its records pending, and the next run writes them again.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "opt.h"
#include "runlog.h"
#include "state.h"
#include "yq.h"

enum { OPT_APPEND = 'a', OPT_WAIT = 'w', OPT_DB = 256 };

static const struct yq_option options[] = {
	{ "append", OPT_APPEND, 1, "FILE",
	    "append the last stage's output to FILE when the run ends well" },
	{ "wait", OPT_WAIT, 1, "DUR",
	    "wait at most DUR for the run before to end (default 30s)" },
	{ "db", OPT_DB, 1, "FILE",
	    "state database (default $YQ_DB, then $XDG_DATA_HOME/yq/yq.db)" },
	{ 0, 0, 0, NULL, NULL }
};

static const struct yq_cmd cmd = {
	"yq-run", "[options] command ...",
	"run commands as one pipeline over the state, effectively once",
	options, 0
};

/*
 * For the crash tests: YQ_CRASH_AT=NAME kills the process with SIGKILL
 * at the point NAME (closing: the append noted, not begun; appended:
 * the append done, the run not closed).
 */
static void
crash_point(const char *name)
{
	const char *at = getenv("YQ_CRASH_AT");

	if (at != NULL && strcmp(at, name) == 0)
		raise(SIGKILL);
}

/*
 * Copy tmp to archive from offset on (cutting what a killed append
 * left there first) and sync it.  0, or -1 after reporting.
 */
static int
append(const char *tmp, const char *archive, long long offset)
{
	char buf[65536];
	ssize_t n;
	int in, out, r = 0;

	if ((in = open(tmp, O_RDONLY | O_CLOEXEC)) < 0) {
		yq_warn("cannot open '%s'", tmp);
		return -1;
	}
	if ((out = open(archive, O_WRONLY | O_CREAT | O_CLOEXEC, 0666)) < 0) {
		yq_warn("cannot open '%s'", archive);
		close(in);
		return -1;
	}
	if (ftruncate(out, (off_t)offset) < 0 || lseek(out, (off_t)offset,
	    SEEK_SET) < 0)
		r = -1;
	while (r == 0 && (n = read(in, buf, sizeof buf)) != 0)
		if (n < 0 || write(out, buf, (size_t)n) != n)
			r = -1;
	if (r == 0 && fsync(out) < 0)
		r = -1;
	if (r < 0)
		yq_warn("cannot append to '%s'", archive);
	close(in);
	if (close(out) < 0 && r == 0) {
		yq_warn("cannot append to '%s'", archive);
		r = -1;
	}
	return r;
}

/*
 * Finish the appends of runs killed while they closed: each is appended
 * again from where it began, then closed.  0, or -1 after reporting.
 */
static int
recover(struct yq_state *st)
{
	char *run, *archive, *tmp, *err = NULL;
	long long offset;
	int r = 0;

	while (r == 0) {
		if (rl_unfinished(st, &run, &archive, &offset, &tmp, &err) < 0)
			break;
		if (run == NULL)
			return 0;
		r = append(tmp, archive, offset);
		if (r == 0 && rl_close(st, run, time(NULL), &err) < 0)
			r = -1;
		else if (r == 0) {
			yq_warnx("%s: output of a run killed as it closed, appended",
			    archive);
			unlink(tmp);
		}
		free(run);
		free(archive);
		free(tmp);
	}
	if (err != NULL) {
		yq_warnx("state: %s", err);
		free(err);
	}
	return -1;
}

/* Closed runs are forgotten after this long (yq-run(1), FILES). */
#define RUN_KEEP (7 * 86400)

/* Remove tmp, a file of a run that will not append it; 0, or -1. */
static int
remove_tmp(void *arg, const char *tmp)
{
	(void)arg;
	if (unlink(tmp) == 0)
		yq_warnx("%s: output of a run killed before it closed, removed",
		    tmp);
	else if (errno != ENOENT) {
		yq_warn("cannot remove '%s'", tmp);
		return -1;
	}
	return 0;
}

/*
 * With the run before finished: remove the temporary files of runs that
 * were killed (their records are still pending, or were written again)
 * and forget the runs closed more than RUN_KEEP ago.  0, or -1 after
 * reporting.
 */
static int
tidy(struct yq_state *st)
{
	char *err = NULL;
	long n;

	if (rl_each_tmp(st, remove_tmp, NULL, &err) < 0 ||
	    rl_prune(st, time(NULL) - RUN_KEEP, &n, &err) < 0) {
		yq_warnx("state: %s", err);
		free(err);
		return -1;
	}
	return 0;
}

/*
 * The shell text that runs stage: a simple command is exec'd by the
 * shell, so that the stage is the tool's own process (its signals and
 * status are the tool's); anything else (a list, a pipe, a compound, a
 * builtin, an assignment) runs as written.  Fresh string.
 */
static char *
shell_text(const char *stage)
{
	static const char *const builtins[] = { "if", "while", "until",
	    "for", "case", "exec", "exit", "return", "set", "export", "cd",
	    ":", ".", "eval", "shift", "trap", "wait", "read", "unset",
	    "readonly", "ulimit", "umask", NULL };
	size_t n = strspn(stage, " \t"), w;
	int i;

	w = strcspn(stage + n, " \t");
	if (stage[strcspn(stage, ";&|()`{}!\n")] != '\0' ||
	    memchr(stage + n, '=', w) != NULL)
		return xstrdup(stage);
	for (i = 0; builtins[i] != NULL; i++)
		if (strlen(builtins[i]) == w &&
		    strncmp(stage + n, builtins[i], w) == 0)
			return xstrdup(stage);
	return xasprintf("exec %s", stage);
}

/*
 * Start the n stages, stage i reading stage i - 1 and the last writing
 * to fd out (or standard output when out < 0); their pids in pid.
 * Returns how many were started.
 */
static int
start(char **stage, int n, int out, pid_t *pid)
{
	int i, p[2], prev = -1;

	for (i = 0; i < n; i++) {
		if (i < n - 1 && pipe2(p, O_CLOEXEC) < 0) {
			yq_warn("cannot make a pipe");
			break;
		}
		if ((pid[i] = fork()) < 0) {
			yq_warn("cannot start '%s'", stage[i]);
			if (i < n - 1) {
				close(p[0]);
				close(p[1]);
			}
			break;
		}
		if (pid[i] == 0) {
			if (prev >= 0)
				dup2(prev, 0);
			if (i < n - 1)
				dup2(p[1], 1);
			else if (out >= 0)
				dup2(out, 1);
			signal(SIGPIPE, SIG_DFL);
			execl("/bin/sh", "sh", "-c", shell_text(stage[i]), (char *)NULL);
			_exit(127);
		}
		if (prev >= 0)
			close(prev);
		if (i < n - 1) {
			close(p[1]);
			prev = p[0];
		}
	}
	if (prev >= 0)
		close(prev);
	return i;
}

/*
 * Wait for the n stages; the worst status of those that ended well
 * (0, 1 or 2), or -1 when one was killed, failed (3 or more) or did not
 * start (each reported).  Once one has, the others are killed at once:
 * the run stays open whatever they do, and a stage after it must not
 * take the end of a cut stream for the end of the batch and commit
 * what it made of part of it.
 */
static int
wait_all(char **stage, int n, int started, pid_t *pid)
{
	int i, j, ws, left = started, worst = started < n ? -1 : 0;
	pid_t p;

	if (worst < 0)
		for (j = 0; j < started; j++)
			kill(pid[j], SIGKILL);
	while (left > 0) {
		if ((p = waitpid(-1, &ws, 0)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < started && pid[i] != p; i++)
			;
		if (i == started)
			continue;	/* not a stage */
		pid[i] = -1;
		left--;
		if (WIFSIGNALED(ws) && worst < 0 && WTERMSIG(ws) == SIGKILL)
			continue;	/* killed here, after another */
		if (WIFSIGNALED(ws) || WEXITSTATUS(ws) >= YQ_EXIT_IO) {
			if (WIFSIGNALED(ws))
				yq_warnx("'%s' was killed by signal %d: the run stays "
				    "open", stage[i], WTERMSIG(ws));
			else
				yq_warnx("'%s' exited with %d: the run stays open",
				    stage[i], WEXITSTATUS(ws));
			if (worst >= 0)
				for (j = 0; j < started; j++)
					if (pid[j] > 0)
						kill(pid[j], SIGKILL);
			worst = -1;
		} else if (worst >= 0 && WEXITSTATUS(ws) > worst)
			worst = WEXITSTATUS(ws);
	}
	return worst;
}

/* Take the run lock, inherited by the stages.  The fd, or -1 (reported). */
static int
run_lock(const char *path, long wait)
{
	char *lock = xasprintf("%s.run.lock", path);
	int fd = open(lock, O_RDWR | O_CREAT, 0666), r;

	if (fd < 0 || (r = st_flock(fd, (int)wait)) == -1) {
		yq_warn("cannot lock '%s'", lock);
		if (fd >= 0)
			close(fd);
		free(lock);
		return -1;
	}
	free(lock);
	if (r == -2) {
		yq_warnx("state busy for %ld s: another run holds it", wait);
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * The run: open it, run the stages, close it when they all ended well.
 * Returns the exit status.
 */
static int
run(struct yq_state *st, const char *path, const char *archive,
    char **stage, int n)
{
	char *id, *tmp = NULL, *err = NULL;
	pid_t *pid = xcalloc((size_t)n, sizeof *pid);
	struct stat sb;
	int out = -1, status, started;

	id = xasprintf("%lld-%ld", (long long)time(NULL), (long)getpid());
	if (rl_open(st, id, time(NULL), &err) < 0)
		goto fail;
	setenv("YQ_RUN", id, 1);
	setenv("YQ_DB", path, 1);
	if (archive != NULL) {
		tmp = xasprintf("%s.%s.tmp", archive, id);
		if (rl_output(st, id, tmp, &err) < 0)
			goto fail;
		if ((out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0666)) < 0) {
			yq_warn("cannot create '%s'", tmp);
			free(tmp);
			free(id);
			free(pid);
			return YQ_EXIT_IO;
		}
	}
	started = start(stage, n, out, pid);
	status = wait_all(stage, n, started, pid);
	if (out >= 0 && (fsync(out) < 0 || close(out) < 0) && status >= 0) {
		yq_warn("cannot write '%s'", tmp);
		status = -1;
	}
	if (status < 0) {
		if (tmp != NULL)
			unlink(tmp);
		free(tmp);
		free(id);
		free(pid);
		return YQ_EXIT_IO;
	}
	if (archive != NULL) {
		sb.st_size = 0;
		if (stat(archive, &sb) < 0 && errno != ENOENT) {
			yq_warn("cannot open '%s'", archive);
			status = YQ_EXIT_IO;
		} else if (rl_closing(st, id, archive, (long long)sb.st_size, tmp,
		    &err) < 0)
			goto fail;
		else {
			crash_point("closing");
			if (append(tmp, archive, (long long)sb.st_size) < 0)
				status = YQ_EXIT_IO;
			crash_point("appended");
		}
	}
	if (status < YQ_EXIT_IO && rl_close(st, id, time(NULL), &err) < 0)
		goto fail;
	if (tmp != NULL && status < YQ_EXIT_IO)
		unlink(tmp);
	free(tmp);
	free(id);
	free(pid);
	return status;
fail:
	yq_warnx("state: %s", err);
	free(err);
	free(tmp);
	free(id);
	free(pid);
	return YQ_EXIT_IO;
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct yq_state *st;
	const char *arg, *archive = NULL, *db = NULL;
	char *path, *err = NULL;
	long wait = -1;
	int ch, fd, status;

	yq_common_init(&c, argv[0]);
	while ((ch = yq_getopt(&cmd, argc, argv, &c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			return c.exit_status;
		case OPT_APPEND:
			archive = arg;
			break;
		case OPT_DB:
			db = arg;
			break;
		case OPT_WAIT:
			if ((wait = yq_duration(arg)) <= 0)
				die(YQ_EXIT_USAGE, "--wait wants a duration: '%s'", arg);
			break;
		}
	}
	if (optind == argc) {
		yq_usage(&cmd, stderr);
		return YQ_EXIT_USAGE;
	}
	if (wait < 0)
		wait = st_wait();
	path = st_default_path(db);
	if ((st = st_open(path, &err)) == NULL || rl_migrate(st, &err) < 0) {
		yq_warnx("state '%s': %s", path, err);
		free(err);
		st_close(st);
		free(path);
		return YQ_EXIT_IO;
	}
	if ((fd = run_lock(path, wait)) < 0 || recover(st) < 0 || tidy(st) < 0)
		status = YQ_EXIT_IO;
	else
		status = run(st, path, archive, argv + optind, argc - optind);
	if (st_close(st) < 0 && status < YQ_EXIT_IO)
		status = YQ_EXIT_IO;
	free(path);
	return status;
}
