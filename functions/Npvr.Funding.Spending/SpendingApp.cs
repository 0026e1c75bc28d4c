using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.Spending;

/// <summary>
/// Spending: the regions' spending ledgers (entries, reversals, CSV imports and exports, audit queries) and the
/// per-region hash-chained journal of every event.
/// </summary>
public sealed class SpendingApp : IFunctionApp
{
    public string Name => "Npvr.Funding.Spending";

    /// <summary>The queues and topics this app publishes to (its Data Sender roles; a deployment test compares with infra/topology.json).</summary>
    public IReadOnlyList<string> SendsTo => [OutboxMessage.FundingEvents, ImportSpending.ImportsQueue];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddFundingStorage(configuration, new OutboxOptions([JournalStore.TableName, SpendingStore.TableName], SendsTo));
        services.AddSingleton<JournalStore>();
        services.AddSingleton<SpendingStore>();
        services.AddSingleton<JournalLinker>();
        // Issue 12: checkpoints signed by the Key Vault key in Azure (the local key file elsewhere) and kept in blobs.
        services.AddSingleton<ICheckpointSigner>(sp => configuration[KeyVaultSigner.VaultSetting] is { Length: > 0 } vault
            ? KeyVaultSigner.Create(new Uri(vault), configuration[KeyVaultSigner.KeyNameSetting] ?? throw new InvalidOperationException($"{KeyVaultSigner.KeyNameSetting} is not set."),
                new Azure.Identity.DefaultAzureCredential(), sp.GetRequiredService<TimeProvider>())
            : LocalKeySigner.Open(LocalKeySigner.PathFrom(configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => CheckpointArchive.FromConfiguration(configuration));
        services.AddSingleton(new CheckpointPacing(TimeSpan.FromSeconds(configuration.GetValue(CheckpointPacing.Setting, CheckpointPacing.DefaultSeconds))));
        services.AddSingleton<Checkpoints>();
        services.AddSingleton(new OwnEvents(configuration.GetValue("Spending:OwnEventsCapacity", OwnEvents.DefaultCapacity)));
        services.AddSingleton<ImportChecker>();
        services.AddSingleton<ImportWriter>();
        services.AddSingleton<IFunction, JournalEvent>();
        services.AddSingleton<IFunction, AdmitTranche>();
        services.AddSingleton<IFunction, GetJournal>();
        services.AddSingleton<IFunction, VerifyJournal>();
        services.AddSingleton<IFunction, CheckCompleteness>();
        services.AddSingleton<IFunction, GetAuditKeys>();
        services.AddSingleton<IFunction, GetCheckpoint>();
        services.AddSingleton<IFunction, GetInclusionProof>();
        services.AddSingleton<IFunction, GetConsistencyProof>();
        services.AddSingleton<IFunction, RecordSpendingEntry>();
        services.AddSingleton<IFunction, ReverseSpendingEntry>();
        services.AddSingleton<IFunction, ImportSpending>();
        services.AddSingleton<IFunction, GetSpendingImport>();
        services.AddSingleton<IFunction, ListSpending>();
        services.AddSingleton<IFunction, ProcessSpendingImport>();
        services.AddSingleton<IFunction, LinkJournals>();
        services.AddSingleton<IFunction, GetRegionStatement>();
        services.AddSingleton<IFunction, GetProgrammeStatement>();
        services.AddSingleton<RegionYearCloser>();
        services.AddSingleton<IFunction, CloseYear>();
        services.AddSingleton<PersonalDataErasure>();
        services.AddSingleton<IFunction, ErasePersonalData>();
    }
}
