-- Two names that differ only in case are one name: a unique index on the lower-cased name makes the
-- database itself refuse the second, even when two sign-ups race past the store's own check. Names
-- that already differ only in case (a database made before accounts could hold them) keep the
-- first by id; each later one is renamed with its id appended, so that the index can be made.
UPDATE users u SET username = SUBSTRING(u.username FROM 1 FOR 40) || '-' || u.id
  WHERE EXISTS (SELECT 1 FROM users o WHERE LOWER(o.username) = LOWER(u.username) AND o.id < u.id);

CREATE UNIQUE INDEX users_username_lower ON users (LOWER(username));
