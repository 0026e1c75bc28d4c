namespace Npvr.Funding.LocalHost.Broker;

/// <summary>What became of a message when its handler's outcome (or a lost lock) was applied.</summary>
internal enum SettleResult
{
    Completed,
    Abandoned,
    DeadLettered,
    Expired,
    LockLost,
}
