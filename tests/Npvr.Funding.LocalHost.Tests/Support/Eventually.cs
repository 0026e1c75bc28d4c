namespace Npvr.Funding.LocalHost.Tests.Support;

/// <summary>Waits on the real clock for something done on the thread pool, even when the code under test uses a manual clock.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (int i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached within 10 s");
    }
}
