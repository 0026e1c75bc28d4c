using System.Net;
using System.Net.Sockets;

namespace Npvr.Funding.LocalHost.Azurite;

/// <summary>Picks a TCP port on 127.0.0.1 that is free at the moment of asking.</summary>
internal static class LoopbackPort
{
    /// <summary>
    /// Binds port 0, reads what the OS chose and releases it. Another process may take it before Azurite binds, which
    /// is why the caller retries on "address in use".
    /// </summary>
    public static int FindFree()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
