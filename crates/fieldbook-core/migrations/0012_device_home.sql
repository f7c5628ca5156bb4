-- Where this book lives: a hash of the machine id and the book's path, recorded by the writer
-- that opened it. A copy of the book on another machine (or at another path) sees a different
-- one and takes a new device id before it syncs (store/home.rs). Local: never dumped or synced.
ALTER TABLE device ADD COLUMN home TEXT;

-- Device ids this book had before it was copied or restored: its own unsent changes made under
-- them (journal entries up to through_seq) are still its own to send. Later entries with such
-- an origin came from the original book through sync and are not sent back.
CREATE TABLE former_devices (
  id           TEXT PRIMARY KEY NOT NULL,
  through_seq  INTEGER NOT NULL,
  until        TEXT NOT NULL
);
