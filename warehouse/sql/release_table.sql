-- `release_{table}`: the rows of {table} in every release, with the release's version.
CREATE OR REPLACE VIEW release_{table} AS
{selects};

-- `latest_{table}`: the rows of {table} in the newest release.
CREATE OR REPLACE VIEW latest_{table} AS
SELECT * EXCLUDE (version) FROM release_{table} WHERE version = (SELECT version FROM latest);
