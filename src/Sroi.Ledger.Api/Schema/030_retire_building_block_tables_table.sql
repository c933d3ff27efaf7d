-- Building-block tables are folded once, into Marten's document of the table stream
-- (BuildingBlocks/BuildingBlockTableDocument.cs); the hand-written read table of the first release goes.
DROP TABLE IF EXISTS building_block_tables;
