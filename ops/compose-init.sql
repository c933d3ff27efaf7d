-- Run once by the postgres image on a new volume (docker-entrypoint-initdb.d): the role the service runs as. The
-- schema's owner (sroi) applies the schema at the service's start and grants this role what it may do.
CREATE ROLE sroi_service LOGIN PASSWORD 'sroi_service';
GRANT CONNECT ON DATABASE sroi_ledger TO sroi_service;
