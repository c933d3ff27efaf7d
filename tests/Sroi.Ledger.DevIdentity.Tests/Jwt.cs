using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.DevIdentity.Tests;

/// <summary>A JWT read by hand (no token library between the test and the bytes), and its RS256 signature checked.</summary>
public sealed record Jwt(JsonObject Header, JsonObject Payload, string SignedPart, byte[] Signature)
{
    public static Jwt Parse(string token)
    {
        var parts = token.Split('.');
        parts.Should().HaveCount(3, "a signed, unencrypted JWT has a header, a payload and a signature");
        return new Jwt(
            JsonNode.Parse(Decode(parts[0]))!.AsObject(), JsonNode.Parse(Decode(parts[1]))!.AsObject(),
            parts[0] + "." + parts[1], Decode(parts[2]));
    }

    public string KeyId => Header["kid"]!.GetValue<string>();

    public string Claim(string name) => Payload[name]!.GetValue<string>();

    public long Seconds(string name) => Payload[name]!.GetValue<long>();

    /// <summary>Whether one of the JWKS's RSA keys with this token's kid verifies its signature.</summary>
    public bool IsSignedBy(JsonObject jwks)
    {
        var key = jwks["keys"]!.AsArray().Select(node => node!.AsObject())
            .SingleOrDefault(candidate => candidate["kid"]!.GetValue<string>() == KeyId);
        if (key is null) return false;
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Decode(key["n"]!.GetValue<string>()), Exponent = Decode(key["e"]!.GetValue<string>()),
        });
        return rsa.VerifyData(Encoding.ASCII.GetBytes(SignedPart), Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public static byte[] Decode(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }
}
