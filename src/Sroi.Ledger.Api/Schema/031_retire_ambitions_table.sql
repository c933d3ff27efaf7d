-- Ambitions are folded once, into Marten's document of the ambition stream (Ambitions/AmbitionsDocument.cs), which
-- the reports read; the hand-written read table of the first release goes.
DROP TABLE IF EXISTS ambitions;
