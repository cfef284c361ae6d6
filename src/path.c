/* Path canonicalisation and location parsing. Pure C. */
#include "ctrace/path.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool path_is_pseudo(const char *path)
{
	size_t len = strlen(path);

	return len >= 2 && path[0] == '<' && path[len - 1] == '>';
}

char *path_normalize(const char *path, const char *cwd)
{
	size_t cap = strlen(path) + (cwd ? strlen(cwd) : 0) + 3;
	char *joined = malloc(cap);
	char *out;
	size_t n = 0;
	const char *p;

	if (joined == NULL)
		abort();
	if (path[0] == '/' || cwd == NULL)
		strcpy(joined, path);
	else
		snprintf(joined, cap, "%s/%s", cwd, path);

	out = malloc(strlen(joined) + 2);
	if (out == NULL)
		abort();
	p = joined;
	while (*p != '\0') {
		const char *end;
		size_t len;

		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		end = strchr(p, '/');
		len = end ? (size_t)(end - p) : strlen(p);
		if (len == 1 && p[0] == '.') {
			/* skip "." */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
		} else {
			out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	free(joined);
	return out;
}

char *path_canonical(const char *path, const char *cwd)
{
	char *normal;
	char resolved[PATH_MAX];
	char *copy;

	if (path_is_pseudo(path)) {
		copy = strdup(path);
		if (copy == NULL)
			abort();
		return copy;
	}
	normal = path_normalize(path, cwd);
	if (realpath(normal, resolved) == NULL)
		return normal;
	free(normal);
	copy = strdup(resolved);
	if (copy == NULL)
		abort();
	return copy;
}

bool path_split_location(const char *spec, char **file, int *line)
{
	const char *colon = strrchr(spec, ':');
	long value = 0;

	if (colon == NULL || colon == spec || colon[1] == '\0')
		return false;
	for (const char *p = colon + 1; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		value = value * 10 + (*p - '0');
		if (value > INT_MAX)
			return false;
	}
	*file = strndup(spec, (size_t)(colon - spec));
	if (*file == NULL)
		abort();
	*line = (int)value;
	return true;
}
