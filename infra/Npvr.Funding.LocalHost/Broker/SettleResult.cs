namespace Npvr.Funding.LocalHost.Broker;

/// <summary>What became of a message when a settlement (or a lost lock) was applied.</summary>
internal enum SettleResult
{
    Completed,
    Abandoned,
    DeadLettered,
    Expired,
    LockLost,
}
