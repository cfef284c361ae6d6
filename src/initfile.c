/* Init files and their trust rule. */
#include "ctrace/initfile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctrace/options.h"

struct line_list {
	struct queued_command *items;
	size_t count;
	char **trusted; /* realpaths named by `trust` */
	size_t ntrusted;
};

static void push_line(struct line_list *list, const char *text, const char *origin, int line)
{
	list->items = realloc(list->items, (list->count + 1) * sizeof(*list->items));
	if (list->items == NULL)
		abort();
	list->items[list->count].text = strdup(text);
	list->items[list->count].origin = origin;
	list->items[list->count].line = line;
	list->count++;
}

static void push_trusted(struct line_list *list, const char *path)
{
	char resolved[PATH_MAX];

	if (realpath(path, resolved) == NULL)
		return;
	list->trusted = realloc(list->trusted, (list->ntrusted + 1) * sizeof(char *));
	if (list->trusted == NULL)
		abort();
	list->trusted[list->ntrusted++] = strdup(resolved);
}

/* Read path's commands into list. `trust` lines count only when
 * allow_trust is set (the user's own file). Return -1 with errno set
 * when the file cannot be opened. */
static int read_file(struct line_list *list, const char *path, const char *origin, int allow_trust)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0;

	if (fp == NULL)
		return -1;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		char *text = line;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		while (*text == ' ' || *text == '\t')
			text++;
		if (*text == '\0' || *text == '#')
			continue;
		if (strncmp(text, "trust ", 6) == 0) {
			if (allow_trust && text[6] != '/')
				fprintf(stderr, "ctrace: ignoring 'trust %s' in %s line %d: give the absolute path of the file to trust\n", text + 6, path, lineno);
			else if (allow_trust)
				push_trusted(list, text + 6);
			else
				fprintf(stderr, "ctrace: ignoring 'trust' in %s line %d: only the user's own init file can trust files\n", path, lineno);
			continue;
		}
		push_line(list, text, origin, lineno);
	}
	free(line);
	fclose(fp);
	return 0;
}

static char *user_rc_path(void)
{
	const char *config = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *path = malloc(PATH_MAX);

	if (path == NULL)
		abort();
	if (config != NULL && config[0] == '/')
		snprintf(path, PATH_MAX, "%s/ctrace/ctracerc", config);
	else if (home != NULL && home[0] != '\0')
		snprintf(path, PATH_MAX, "%s/.config/ctrace/ctracerc", home);
	else {
		free(path);
		return NULL;
	}
	return path;
}

static int is_trusted(const struct line_list *list, const char *path)
{
	char resolved[PATH_MAX];

	if (realpath(path, resolved) == NULL)
		return 0;
	for (size_t i = 0; i < list->ntrusted; i++)
		if (strcmp(list->trusted[i], resolved) == 0)
			return 1;
	return 0;
}

/* Return true when a and b (a may be NULL) name the same existing file. */
static int names_same_file(const char *a, const char *b)
{
	char ra[PATH_MAX];
	char rb[PATH_MAX];

	return a != NULL && realpath(a, ra) != NULL && realpath(b, rb) != NULL && strcmp(ra, rb) == 0;
}

/* Put list's commands in front of the -c and -x ones. */
static void prepend(struct options *opts, struct line_list *list)
{
	struct queued_command *all;

	if (list->count == 0)
		return;
	all = malloc((list->count + opts->ncommands) * sizeof(*all));
	if (all == NULL)
		abort();
	memcpy(all, list->items, list->count * sizeof(*all));
	if (opts->ncommands > 0)
		memcpy(all + list->count, opts->commands, opts->ncommands * sizeof(*all));
	free(opts->commands);
	opts->commands = all;
	opts->ncommands += list->count;
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

int initfile_load(struct options *opts, char *err, size_t errlen)
{
	struct line_list list = {NULL, 0, NULL, 0};
	char *user_rc = NULL;
	int rc = 0;

	if (!opts->no_init) {
		user_rc = user_rc_path();
		if (user_rc != NULL)
			read_file(&list, user_rc, "ctracerc", 1);
		if (access(".ctracerc", F_OK) == 0 && !names_same_file(opts->init_file, ".ctracerc")) {
			char local[PATH_MAX];

			if (is_trusted(&list, ".ctracerc"))
				read_file(&list, ".ctracerc", ".ctracerc", 0);
			else if (!opts->quiet)
				fprintf(stderr, "ctrace: not reading ./.ctracerc: it is not trusted (add 'trust %s' to %s, or pass --init-file=.ctracerc)\n", realpath(".ctracerc", local) ? local : ".ctracerc", user_rc ? user_rc : "~/.config/ctrace/ctracerc");
		}
	}
	if (opts->init_file != NULL && read_file(&list, opts->init_file, opts->init_file, 0) < 0) {
		snprintf(err, errlen, "cannot read init file: %s: %s", opts->init_file, strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		prepend(opts, &list);
	for (size_t i = 0; i < list.count; i++)
		free(list.items[i].text);
	free(list.items);
	for (size_t i = 0; i < list.ntrusted; i++)
		free(list.trusted[i]);
	free(list.trusted);
	free(user_rc);
	return rc;
}
