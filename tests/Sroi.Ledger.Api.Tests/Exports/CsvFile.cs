using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CsvHelper;

namespace Sroi.Ledger.Api.Tests.Exports;

/// <summary>A CSV answer as read by an independent RFC 4180 reader (CsvHelper): its raw text, header and rows by column.</summary>
public sealed record CsvFile(string Text, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public static async Task<CsvFile> GetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(bytes));
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Headers.Vary.Should().Contain("Accept");
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "the file starts with UTF-8's byte order mark");
        return Parse(System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    public static CsvFile Parse(string text)
    {
        using var reader = CsvReader.Create(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)),
            new CsvReaderOptions { Separator = ';', FormatProvider = CultureInfo.InvariantCulture }, false);
        var header = reader.Headers.ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (reader.Read())
            rows.Add(header.Select((name, i) => (name, value: reader.GetString(i))).ToDictionary(f => f.name, f => f.value));
        return new CsvFile(text, header, rows);
    }
}
