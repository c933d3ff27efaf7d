-- SROI policies are folded once, into Marten's document of the policy stream (Policies/SroiPolicyDocument.cs);
-- the hand-written read table of the first release goes.
DROP TABLE IF EXISTS sroi_policies;
