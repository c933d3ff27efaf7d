-- Read model of ambitions (ambition.set.v1): the latest figures per municipality and year.
CREATE TABLE IF NOT EXISTS ambitions (
    municipality    text NOT NULL,
    year            int  NOT NULL,
    placements      int,
    sroi_placements int,
    PRIMARY KEY (municipality, year)
);
