namespace Sroi.Ledger.Domain.Shared;

/// <summary>An amount in euros, held as whole cents so that no sum ever drifts.</summary>
public readonly record struct Money(long Cents) : IComparable<Money>
{
    /// <summary>Nothing in this ledger comes near it; it keeps cent arithmetic far from overflow.</summary>
    public static readonly Money Max = new(100_000_000_000_00L); // €100 billion

    public static Money Zero => new(0);

    public decimal Euros => Cents / 100m;

    /// <summary>Euros with at most two decimals; anything finer is refused rather than rounded.</summary>
    public static Money FromEuros(decimal euros)
    {
        if (decimal.Round(euros, 2) != euros)
            throw new ArgumentException($"{euros} has more than two decimals.", nameof(euros));
        if (Math.Abs(euros) > Max.Euros)
            throw new ArgumentOutOfRangeException(nameof(euros), $"{euros} is beyond {Max.Euros}.");
        return new Money((long)(euros * 100m));
    }

    public static bool TryFromEuros(decimal euros, out Money money)
    {
        var fits = decimal.Round(euros, 2) == euros && Math.Abs(euros) <= Max.Euros;
        money = fits ? new Money((long)(euros * 100m)) : Zero;
        return fits;
    }

    /// <summary>A percentage of this amount, rounded half away from zero to the cent.</summary>
    public Money Percent(decimal percentage) =>
        new((long)decimal.Round(Cents * percentage / 100m, 0, MidpointRounding.AwayFromZero));

    public static Money operator +(Money a, Money b) => new(checked(a.Cents + b.Cents));
    public static Money operator -(Money a, Money b) => new(checked(a.Cents - b.Cents));
    public static bool operator <(Money a, Money b) => a.Cents < b.Cents;
    public static bool operator >(Money a, Money b) => a.Cents > b.Cents;
    public static bool operator <=(Money a, Money b) => a.Cents <= b.Cents;
    public static bool operator >=(Money a, Money b) => a.Cents >= b.Cents;

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    /// <summary>Dutch notation, as in the policy papers: € 150.000,00.</summary>
    public override string ToString() => "€ " + Euros.ToString("#,0.00", DutchNumbers);

    // Built by hand: the service runs with invariant globalization, so there is no nl-NL culture to ask.
    private static readonly System.Globalization.NumberFormatInfo DutchNumbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
    };
}
