#ifndef TESSERA_CBENCHSQLITE_SHIM_H
#define TESSERA_CBENCHSQLITE_SHIM_H

// Why this header exists: the session benchmarks measure a bare SQLite write transaction as
// the floor, straight against the system libsqlite3 (the root's CSQLite is not a product).
#include <sqlite3.h>

static inline sqlite3_destructor_type tessera_bench_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif
