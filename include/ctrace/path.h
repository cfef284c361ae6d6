/* File name handling shared by breakpoints, the tracer and listings. */
#ifndef CTRACE_PATH_H
#define CTRACE_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* Return a malloc'd canonical form of path: symlinks resolved when the
 * file exists, otherwise made absolute against cwd and normalised (".",
 * ".." and repeated slashes removed). Pseudo file names such as
 * "<string>" are returned unchanged. */
char *path_canonical(const char *path, const char *cwd);

/* Normalise an absolute or relative path lexically into a malloc'd
 * string, joining it to cwd when it is relative. */
char *path_normalize(const char *path, const char *cwd);

/* Return true for names like "<string>" or "<frozen runpy>" that are not
 * files on disk. */
bool path_is_pseudo(const char *path);

/* Split "FILE:LINE" at the last colon. On success store the file part
 * (malloc'd) and the line and return true. */
bool path_split_location(const char *spec, char **file, int *line);

#endif /* CTRACE_PATH_H */
