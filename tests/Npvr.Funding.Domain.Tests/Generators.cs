using FsCheck;
using FsCheck.Fluent;

namespace Npvr.Funding.Domain.Tests;

internal static class Generators
{
    /// <summary>Any cents in the supported range, with the boundaries and small values weighted in.</summary>
    public static Gen<long> CentsInRange { get; } = Gen.OneOf(
        Gen.Choose(-999_999_999, 999_999_999).SelectMany(
            high => Gen.Choose(0, 999_999),
            (high, low) => (high * 1_000_000L) + (high < 0 ? -low : low)),
        Gen.Choose(-10_000, 10_000).Select(c => (long)c),
        Gen.Elements(Money.MaxCents, -Money.MaxCents, 0L, 1L, -1L, 99L, 100L, -100L));

    /// <summary>A VAT rate from 0 to 100 with two decimals.</summary>
    public static Gen<decimal> ValidRate { get; } = Gen.OneOf(
        Gen.Choose(0, 10_000).Select(basisPoints => basisPoints / 100m),
        Gen.Elements(0m, 9m, 21m, 100m));
}
