using Npvr.Funding.LocalHost.Broker;

namespace Npvr.Funding.LocalHost.Tests.Support;

/// <summary>A small topology with short, round settings so tests can reason about time exactly.</summary>
public static class TestBroker
{
    public const string Orders = "orders";            // duplicate detection, expiry dead-lettering
    public const string Plain = "plain";              // no duplicate detection, expiry drops
    public const string Events = "events";
    public const string SubscriptionA = "events/Subscriptions/a";
    public const string SubscriptionB = "events/Subscriptions/b";

    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);
    public const int MaxDeliveryCount = 3;

    /// <summary>Real-time bound on any await in a test, so a broken broker fails a test instead of hanging it.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    public const string TopologyJson = """
        {
          "$comment": "test topology",
          "queues": [
            { "name": "orders", "someFutureField": [1, 2],
              "properties": { "lockDuration": "PT30S", "maxDeliveryCount": 3, "deadLetteringOnMessageExpiration": true,
                              "requiresDuplicateDetection": true, "duplicateDetectionHistoryTimeWindow": "PT10M",
                              "defaultMessageTimeToLive": "PT1H", "unknownArmProperty": "x" } },
            { "name": "plain",
              "properties": { "lockDuration": "PT30S", "maxDeliveryCount": 3, "defaultMessageTimeToLive": "PT1H" } }
          ],
          "topics": [
            { "name": "events", "access": { "send": ["X"] },
              "properties": { "defaultMessageTimeToLive": "P14D" },
              "subscriptions": [
                { "name": "a", "properties": { "lockDuration": "PT30S", "maxDeliveryCount": 3, "deadLetteringOnMessageExpiration": true, "defaultMessageTimeToLive": "PT1H" } },
                { "name": "b", "properties": { "lockDuration": "PT30S", "maxDeliveryCount": 3, "deadLetteringOnMessageExpiration": true, "defaultMessageTimeToLive": "PT1H" } }
              ] }
          ]
        }
        """;

    public static ServiceBusEmulator Create(TimeProvider? time = null) => new(BrokerTopology.Parse(TopologyJson), time);

    /// <summary>
    /// Waits until the broker has nothing left to do now. The 1 ms idle timeout keeps later scheduled messages out of
    /// the judgement; on a manual clock it never elapses by itself, so the real-time bound stops a hang.
    /// </summary>
    public static Task SettleAsync(this ServiceBusEmulator broker) =>
        broker.WaitForIdleAsync(TimeSpan.FromMilliseconds(1)).WaitAsync(TestTimeout);

    public static Task SendAsync(this ServiceBusEmulator broker, string entity, string body, string? messageId = null) =>
        broker.SendAsync(entity, new BrokerMessage(body, messageId));
}
