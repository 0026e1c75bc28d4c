using Npvr.Funding.Hosting;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>The handler of each app folder under functions/. The catalog check makes a missing entry fail loudly.</summary>
internal static class KnownApps
{
    public static IReadOnlyList<IFunctionApp> All { get; } =
    [
        new Npvr.Funding.Allocation.AllocationApp(),
        new Npvr.Funding.Disbursement.DisbursementApp(),
        new Npvr.Funding.Registration.RegistrationApp(),
        new Npvr.Funding.Spending.SpendingApp(),
    ];

    public static IFunctionApp For(string appDirectory)
    {
        var name = Path.GetFileName(appDirectory);
        return All.FirstOrDefault(a => a.Name == name)
            ?? throw new InvalidOperationException($"functions/{name} has no handler known to the local host: add it to {nameof(KnownApps)}.");
    }
}
