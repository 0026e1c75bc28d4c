using Azure.Core;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using Npvr.Funding.Contracts;
using Npvr.Funding.EndToEnd.Tests.Support;
using Npvr.Funding.Hosting;
using Npvr.Funding.Storage;

namespace Npvr.Funding.EndToEnd.Tests;

/// <summary>A consumer's inbox, insert-first (issue 15), against real Azurite: what a delivery costs and what a repeat does.</summary>
public sealed class EventConsumptionTests
{
    private static readonly EventEnvelope Event = new(Guid.NewGuid().ToString("N"), "Tested", DateTimeOffset.UnixEpoch, "achterhoek", null,
        "correlation", null, new JObject());

    [Fact]
    public async Task A_first_delivery_costs_its_reads_and_one_transaction_and_no_inbox_read()
    {
        var (table, roundTrips) = await NewTableAsync();
        var outcome = await Consumption().CommitAsync(table, "p", "tested", Event, async ct =>
        {
            await table.GetEntityIfExistsAsync<TableEntity>("p", "state", cancellationToken: ct);
            return new PartitionWrite("p").Insert(new TableEntity("p", "state"));
        }, CancellationToken.None);

        Assert.Equal(CommitOutcome.Committed, outcome);
        Assert.Equal(2, roundTrips.Snapshot()[StorageRoundTrips.OutsideInvocations]);
    }

    [Fact]
    public async Task Delivering_twice_applies_once_though_the_repeat_decides_again()
    {
        var (table, _) = await NewTableAsync();
        var decisions = 0;
        Task<PartitionWrite?> Decide(CancellationToken ct) =>
            Task.FromResult<PartitionWrite?>(new PartitionWrite("p").Insert(new TableEntity("p", $"state|{++decisions}")));

        Assert.Equal(CommitOutcome.Committed, await Consumption().CommitAsync(table, "p", "tested", Event, Decide, CancellationToken.None));
        Assert.Equal(CommitOutcome.AlreadyDone, await Consumption().CommitAsync(table, "p", "tested", Event, Decide, CancellationToken.None));

        Assert.Equal(2, decisions);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "state|1")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "state|2")).HasValue);
    }

    [Fact]
    public async Task A_repeat_that_conflicts_with_what_its_first_delivery_inserted_is_already_done_not_a_conflict()
    {
        var (table, _) = await NewTableAsync();
        Task<PartitionWrite?> Decide(CancellationToken ct) => Task.FromResult<PartitionWrite?>(new PartitionWrite("p").Insert(new TableEntity("p", "state")));

        await Consumption().CommitAsync(table, "p", "tested", Event, Decide, CancellationToken.None);

        Assert.Equal(CommitOutcome.AlreadyDone, await Consumption().CommitAsync(table, "p", "tested", Event, Decide, CancellationToken.None));
    }

    [Fact]
    public async Task A_repeat_refused_by_what_its_first_delivery_did_is_already_done_and_a_first_refusal_stands()
    {
        var (table, _) = await NewTableAsync();
        var pending = true;
        Task<PartitionWrite?> Decide(CancellationToken ct)
        {
            if (!pending) throw new PermanentFailureException("nothing pending");
            pending = false;
            return Task.FromResult<PartitionWrite?>(new PartitionWrite("p").Insert(new TableEntity("p", "state")));
        }

        await Consumption().CommitAsync(table, "p", "tested", Event, Decide, CancellationToken.None);
        Assert.Equal(CommitOutcome.AlreadyDone, await Consumption().CommitAsync(table, "p", "tested", Event, Decide, CancellationToken.None));

        var another = Event with { EventId = Guid.NewGuid().ToString("N") };
        await Assert.ThrowsAsync<PermanentFailureException>(() => Consumption().CommitAsync(table, "p", "tested", another, Decide, CancellationToken.None));
    }

    private static EventConsumption Consumption()
    {
        var configuration = new ConfigurationBuilder().Build();
        // Never connects: these decisions owe the bus nothing.
        var client = new ServiceBusClient("Endpoint=sb://127.0.0.1/;SharedAccessKeyName=none;SharedAccessKey=none");
        var outbox = new Outbox(new OutboxPublisher(client, new OutboxOptions([], [])), TimeProvider.System, NullLogger<Outbox>.Instance);
        return new EventConsumption(outbox, configuration);
    }

    /// <summary>A fresh table whose client counts its round trips with the benchmark's own counter (each retry counted).</summary>
    private static async Task<(TableClient Table, RoundTripCounter RoundTrips)> NewTableAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var roundTrips = new RoundTripCounter();
        var options = new TableClientOptions();
        options.AddPolicy(roundTrips, HttpPipelinePosition.PerRetry);
        var name = "c" + Guid.NewGuid().ToString("N")[..12];
        await new TableServiceClient(azurite.ConnectionString).GetTableClient(name).CreateAsync();
        return (new TableServiceClient(azurite.ConnectionString, options).GetTableClient(name), roundTrips);
    }
}
