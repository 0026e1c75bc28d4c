using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Npvr.Funding.LocalHost.Broker;

namespace Npvr.Funding.LocalHost.Functions;

/// <summary>One Service Bus trigger: the entity it listens on, its settings and what an invocation does.</summary>
/// <param name="Name">For logs, e.g. "Npvr.Funding.Spending/AppendToJournal".</param>
/// <param name="EntityPath">"queue" or "topic/Subscriptions/subscription".</param>
public sealed record ServiceBusTrigger(
    string Name,
    string EntityPath,
    ServiceBusTriggerSettings Settings,
    Func<ServiceBusReceivedMessage, CancellationToken, Task<InvocationOutcome>> InvokeAsync);

/// <summary>
/// Runs Service Bus triggers through ServiceBusProcessor, as the Functions host's Service Bus extension does in Azure:
/// peek-lock, maxConcurrentCalls, prefetch, automatic lock renewal, and with autoCompleteMessages the message is
/// completed when the invocation succeeded and abandoned when it failed (so the broker's maxDeliveryCount decides
/// when it is dead-lettered). Works against any Service Bus; with the local broker each invocation is announced to it
/// from receipt until settlement, which is what makes its idle wait exact.
/// </summary>
public sealed class ServiceBusTriggers : IAsyncDisposable
{
    private readonly List<ServiceBusProcessor> _processors = [];
    private readonly ServiceBusEmulator? _localBroker;
    private readonly ILogger _logger;

    private ServiceBusTriggers(ServiceBusEmulator? localBroker, ILogger logger)
    {
        _localBroker = localBroker;
        _logger = logger;
    }

    /// <summary>Creates one processor per trigger and starts them all.</summary>
    /// <param name="localBroker">The broker behind the client when it is the local one; null for any other Service Bus.</param>
    public static async Task<ServiceBusTriggers> StartAsync(
        ServiceBusClient client, IEnumerable<ServiceBusTrigger> triggers, ServiceBusEmulator? localBroker, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(triggers);
        var running = new ServiceBusTriggers(localBroker, logger);
        try
        {
            foreach (ServiceBusTrigger trigger in triggers)
            {
                ServiceBusProcessor processor = CreateProcessor(client, trigger);
                processor.ProcessMessageAsync += args => running.HandleAsync(trigger, args);
                processor.ProcessErrorAsync += args => running.OnErrorAsync(trigger, args);
                running._processors.Add(processor);
                await processor.StartProcessingAsync(ct);
            }
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }

        return running;
    }

    /// <summary>Stops every processor (an invocation in progress finishes and is settled first).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (ServiceBusProcessor processor in _processors)
        {
            await processor.DisposeAsync();
        }

        _processors.Clear();
    }

    private static ServiceBusProcessor CreateProcessor(ServiceBusClient client, ServiceBusTrigger trigger)
    {
        var options = new ServiceBusProcessorOptions
        {
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            MaxConcurrentCalls = trigger.Settings.MaxConcurrentCalls,
            PrefetchCount = trigger.Settings.PrefetchCount,
            MaxAutoLockRenewalDuration = trigger.Settings.MaxAutoLockRenewalDuration,

            // Settled below, so that an invocation stays announced until its message is settled.
            AutoCompleteMessages = false,
        };
        const string subscriptions = "/Subscriptions/";
        int split = trigger.EntityPath.IndexOf(subscriptions, StringComparison.OrdinalIgnoreCase);
        return split < 0
            ? client.CreateProcessor(trigger.EntityPath, options)
            : client.CreateProcessor(trigger.EntityPath[..split], trigger.EntityPath[(split + subscriptions.Length)..], options);
    }

    private async Task HandleAsync(ServiceBusTrigger trigger, ProcessMessageEventArgs args)
    {
        using IDisposable? invocation = _localBroker?.BeginInvocation();
        InvocationOutcome outcome = await InvokeAsync(trigger, args);
        if (!trigger.Settings.AutoCompleteMessages)
        {
            return; // the function would settle it itself; a custom handler cannot, so its lock runs out
        }

        if (outcome.Succeeded)
        {
            await args.CompleteMessageAsync(args.Message, CancellationToken.None);
        }
        else
        {
            await args.AbandonMessageAsync(args.Message, cancellationToken: CancellationToken.None);
        }
    }

    private async Task<InvocationOutcome> InvokeAsync(ServiceBusTrigger trigger, ProcessMessageEventArgs args)
    {
        try
        {
            return await trigger.InvokeAsync(args.Message, args.CancellationToken);
        }
#pragma warning disable CA1031 // Any failure of an invocation is an abandon, as the Functions host treats it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "{Trigger}: invocation failed for message {MessageId}", trigger.Name, args.Message.MessageId);
            return InvocationOutcome.Failed($"{ex.GetType().FullName}: {ex.Message}");
        }
    }

    private Task OnErrorAsync(ServiceBusTrigger trigger, ProcessErrorEventArgs args)
    {
        // E.g. a settlement refused because the lock was lost: the broker redelivers, as in Azure.
        _logger.LogWarning(args.Exception, "{Trigger}: {Source} failed on {EntityPath}", trigger.Name, args.ErrorSource, args.EntityPath);
        return Task.CompletedTask;
    }
}
