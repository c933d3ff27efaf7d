using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Sroi.Ledger.Testing.Oidc;

namespace Sroi.Ledger.DevIdentity.Tests;

/// <summary>
/// The login form's POST with a body its own page never sends (not a form, a field missing, far too big, too many
/// fields, a multipart body without a boundary) is a 400 with a sentence, never a 500 from the form reader's exception.
/// Each request carries a valid antiforgery cookie and token, so it is the body, not the token, that is refused.
/// </summary>
public sealed class LoginMalformedBodyTests(DevIdentityFixture fixture) : IClassFixture<DevIdentityFixture>
{
    [Fact]
    public async Task A_json_body_with_a_valid_antiforgery_header_is_a_400()
    {
        var (http, form) = await OpenLoginPage();
        using var _ = http;
        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action)
        {
            Content = new StringContent("""{"username":"inkoop","password":"x"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", form.Fields["__RequestVerificationToken"]);

        using var response = await http.SendAsync(request);

        await ShouldBeRefused(response, "als formulier");
    }

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    public async Task A_form_without_a_field_is_a_400(string missing)
    {
        var (http, form) = await OpenLoginPage();
        using var _ = http;
        var fields = Filled(form);
        fields.Remove(missing);

        using var response = await http.PostAsync(form.Action, new FormUrlEncodedContent(fields));

        await ShouldBeRefused(response, $"'{missing}'");
    }

    [Fact]
    public async Task A_field_given_twice_is_a_400()
    {
        var (http, form) = await OpenLoginPage();
        using var _ = http;
        var pairs = Filled(form).ToList();
        pairs.Add(new("username", "beheer"));

        using var response = await http.PostAsync(form.Action, new FormUrlEncodedContent(pairs));

        await ShouldBeRefused(response, "'username'");
    }

    [Fact]
    public async Task A_huge_body_with_its_length_is_a_400()
    {
        var (http, form) = await OpenLoginPage();
        using var _ = http;
        var fields = Filled(form);
        fields["password"] = new string('x', 200_000);

        using var response = await http.PostAsync(form.Action, new FormUrlEncodedContent(fields));

        await ShouldBeRefused(response, "te groot");
    }

    [Fact]
    public async Task A_huge_chunked_body_without_a_length_is_a_400()
    {
        var (http, form) = await OpenLoginPage();
        using var _ = http;
        var fields = Filled(form);
        fields["password"] = new string('x', 200_000);
        var bytes = await new FormUrlEncodedContent(fields).ReadAsByteArrayAsync();
        // A stream of unknown length: HttpClient sends it chunked, so only Kestrel's body limit can stop it.
        var content = new StreamContent(new UnseekableStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        using var response = await http.PostAsync(form.Action, content);

        await ShouldBeRefused(response, "te groot");
    }

    [Fact]
    public async Task Too_many_fields_is_a_400()
    {
        var (http, form) = await OpenLoginPage();
        using var _ = http;
        var pairs = Filled(form).ToList();
        pairs.AddRange(Enumerable.Range(0, 100).Select(i => new KeyValuePair<string, string>($"f{i}", "1")));

        using var response = await http.PostAsync(form.Action, new FormUrlEncodedContent(pairs));

        await ShouldBeRefused(response, "onleesbaar of te groot");
    }

    [Fact]
    public async Task A_multipart_body_without_a_boundary_is_a_400()
    {
        var (http, form) = await OpenLoginPage();
        using var _ = http;
        var content = new ByteArrayContent("username=inkoop"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");

        using var response = await http.PostAsync(form.Action, content);

        await ShouldBeRefused(response, "onleesbaar");
    }

    [Fact]
    public async Task The_page_own_form_still_signs_in()
    {
        var (http, form) = await OpenLoginPage();
        using var _ = http;

        using var response = await http.PostAsync(form.Action, new FormUrlEncodedContent(Filled(form)));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    private async Task<(HttpClient Http, OidcSignIn.LoginForm Form)> OpenLoginPage()
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var page = new Uri(fixture.Server.Issuer, "account/login");
        return (http, OidcSignIn.LoginForm.Parse(await http.GetStringAsync(page), page));
    }

    private static Dictionary<string, string> Filled(OidcSignIn.LoginForm form) =>
        new(form.Fields) { ["username"] = "inkoop", ["password"] = DevIdentityFixture.Password };

    private static async Task ShouldBeRefused(HttpResponseMessage response, string saying)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Contain(saying);
    }

    /// <summary>A stream that cannot tell its length, as a client streaming an upload would send.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
