/* Log lines in the MirageOS shape (mirage-logs >= 2.0), so the IDE parses a C guest's console like an OCaml one. */
#ifndef C_HELLO_LOG_H
#define C_HELLO_LOG_H

enum log_level { LOG_APP, LOG_ERROR, LOG_WARNING, LOG_INFO, LOG_DEBUG };

/* One line: "<RFC 3339 time>: [LEVEL] [source] message". The message must not contain a newline. */
void log_msg(enum log_level level, const char *source, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
