using System.IO.Pipelines;
using System.Text;
using Sroi.Ledger.Api.Exports;

namespace Sroi.Ledger.Api.Tests.Exports;

/// <summary>The one CSV writer, without a database: RFC 4180 quoting, null against empty, and text that crosses a flush.</summary>
public class CsvWriterTests
{
    [Fact]
    public async Task Fields_with_the_separator_a_quote_or_a_line_break_are_quoted_and_others_are_not()
    {
        var text = await WriteAsync(async csv =>
        {
            csv.Field("plain").Field("a;b").Field("zei \"ja\"").Field("twee\nregels").Field("cr\rhier").Field(null).Field("").Field("€ ë");
            await csv.EndRowAsync(default);
        });
        text.Should().Be("plain;\"a;b\";\"zei \"\"ja\"\"\";\"twee\nregels\";\"cr\rhier\";;\"\";€ ë\r\n");
        CsvFile.Parse("h1;h2;h3;h4;h5;h6;h7;h8\r\n" + text).Rows[0].Values.Should().Equal("plain", "a;b", "zei \"ja\"", "twee\nregels", "cr\rhier", "", "", "€ ë");
    }

    [Fact]
    public async Task A_character_outside_the_basic_plane_survives_the_buffers_chunk_boundaries()
    {
        // An odd start, then surrogate pairs: the buffer holds them in chunks, and some pair straddles two chunks.
        var value = "x" + string.Concat(Enumerable.Repeat("😀", 40_000));
        var text = await WriteAsync(async csv => { csv.Field(value); await csv.EndRowAsync(default); });
        text.Should().Be(value + "\r\n");
    }

    private static async Task<string> WriteAsync(Func<CsvWriter, Task> write)
    {
        var output = new MemoryStream();
        var pipe = PipeWriter.Create(output);
        var csv = new CsvWriter(pipe);
        await write(csv);
        await csv.FlushAsync(default);
        await pipe.CompleteAsync();
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
