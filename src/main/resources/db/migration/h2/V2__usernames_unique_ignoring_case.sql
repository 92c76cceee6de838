-- Two names that differ only in case are one name: a unique key on the lower-cased name makes the
-- database itself refuse the second, even when two sign-ups race past the store's own check. Names
-- that already differ only in case (a database made before accounts could hold them) keep the
-- first by id; each later one is renamed with its id appended, so that the key can be made.
UPDATE users SET username = SUBSTRING(username FROM 1 FOR 40) || '-' || id
  WHERE EXISTS (SELECT 1 FROM users o WHERE LOWER(o.username) = LOWER(users.username) AND o.id < users.id);

-- H2 indexes columns, not expressions: the lower-cased name is a generated column.
ALTER TABLE users ADD COLUMN username_key VARCHAR(64) GENERATED ALWAYS AS (LOWER(username));
CREATE UNIQUE INDEX users_username_key ON users(username_key);
