using Sroi.Ledger.Api.Auditing.Verification;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// The verification's cheap document comparison, without a database: given JSON as Marten's serializer writes it, the text
/// is PostgreSQL's own for the same jsonb (the expected strings were printed by PostgreSQL 15, <c>'…'::jsonb::text</c>);
/// given a value jsonb would spell otherwise, the texts differ, so the verification asks PostgreSQL instead.
/// </summary>
public sealed class JsonbTextTests
{
    [Fact]
    public void Keys_spacing_and_escapes_are_written_as_jsonb_prints_them()
    {
        const string serialized = """{"state":{"b":"tab\tquote\"back\\ctl\u0001 \u00E9 \u20AC \uD83D\uDE00 /","aa":[1,2.50,0.0,true,false,null,{}],"a":[]},"id":"x","\u00E9":1,"z":1000}""";

        JsonbText.Of(serialized).Should().Be("""{"z": 1000, "id": "x", "é": 1, "state": {"a": [], "b": "tab\tquote\"back\\ctl\u0001 é € 😀 /", "aa": [1, 2.50, 0.0, true, false, null, {}]}}""");
    }

    [Fact]
    public void A_fold_matches_the_stored_text_byte_for_byte_and_nothing_else()
    {
        // Escaped names and strings (é, <, a quote) take the slow path, plain ones are copied: both as PostgreSQL prints them.
        const string serialized = """{"name":"Caf\u00E9 \u003C1\u003E","plain":"x","\u00E9":[{"b":1,"a":"q\"t"}]}""";
        JsonbText.Matches(serialized, """{"é": [{"a": "q\"t", "b": 1}], "name": "Café <1>", "plain": "x"}""").Should().BeTrue();
        JsonbText.Matches(serialized, """{"é": [{"a": "q\"t", "b": 2}], "name": "Café <1>", "plain": "x"}""").Should().BeFalse();
    }

    [Fact]
    public void A_number_jsonb_spells_otherwise_gives_another_text_never_a_false_match()
    {
        // PostgreSQL prints '{"z": 1e3, "m": -0.0}'::jsonb as {"m": 0.0, "z": 1000}.
        JsonbText.Of("""{"z":1e3,"m":-0.0}""").Should().NotBe("""{"m": 0.0, "z": 1000}""");
    }
}
