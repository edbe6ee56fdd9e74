// Package journal is a local, append-only journal of records that must be
// durable before a database holds them.
//
// A node on SQLite logs every read of a persistent grant. Writing each
// read's row to the database before answering would cost a commit per read
// or two, and each commit makes every reading connection drop its page
// cache; batching the rows without waiting would lose the log of reads
// already answered when the process dies. The journal sits between: a
// read appends its row here and answers, and the rows move into the
// database in large batches. After a crash the rows that had
// not moved are replayed (the database keeps each journal's mark, see
// store.GrantStore.RecordJournaledUsage), so every answered read is logged
// exactly once.
//
// On Unix a segment is a shared memory mapping of its file, so appending
// is a copy with no system call; elsewhere it is one write(2). Either way
// a record is in the kernel's page cache once Append returns, so it
// survives the process being killed. Like SQLite in WAL mode with
// synchronous=NORMAL, which the store uses, the last records before a
// power loss may be lost; set Options.Sync to fsync every append.
//
// # Format
//
// The journal is a directory: a file "id" holding the journal's id (32 hex
// digits, made once), a lock file "lock" that one process holds with
// flock(2), and segment files "<first sequence number, 20 digits>.seg".
// A segment is a sequence of records, each
//
//	length   uint32, big-endian: the payload's length
//	checksum uint32, big-endian: CRC-32C of sequence number and payload
//	sequence uint64, big-endian: 1, 2, 3, … across the journal
//	payload  length bytes
//
// Reading a segment stops at the first record that is short or fails its
// checksum: a torn write at the end of the last segment, or the zeros
// after the last record of a mapped segment that was not closed (a closed
// segment is trimmed to its records). A segment is
// deleted once every record in it is released.
//
// The package owns the files and their format: appending, replaying,
// releasing, and the lock that keeps one process per journal. It knows
// nothing of what a record means; what goes in and where it is stored
// for good (the usage rows, the database's mark) is its caller's.
package journal
