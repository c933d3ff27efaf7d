-- Read model of SROI policy versions per municipality (from sroi-policy.version-added.v1).
CREATE TABLE IF NOT EXISTS sroi_policies (
    municipality               text    NOT NULL,
    version                    int     NOT NULL,
    effective_from             date    NOT NULL,
    percentage                 numeric NOT NULL,
    threshold_werken_cents     bigint  NOT NULL,
    threshold_diensten_cents   bigint  NOT NULL,
    threshold_leveringen_cents bigint  NOT NULL,
    description                text    NOT NULL,
    PRIMARY KEY (municipality, version),
    UNIQUE (municipality, effective_from)
);
