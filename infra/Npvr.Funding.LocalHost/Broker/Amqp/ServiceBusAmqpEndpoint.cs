using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npvr.Funding.LocalHost.Azurite;

namespace Npvr.Funding.LocalHost.Broker.Amqp;

/// <summary>
/// An AMQP 1.0 endpoint on 127.0.0.1 in front of a <see cref="ServiceBusEmulator"/> that speaks the dialect of
/// Service Bus well enough for the unmodified Azure.Messaging.ServiceBus client (facts: shared/servicebus-amqp.md):
/// SASL "MSSBCBS", $cbs put-token, entity links, "$management" operations, lock tokens as delivery tags. Connect
/// with <see cref="ConnectionString"/> (the development-emulator form, plain TCP). The emulator stays the single
/// source of truth: this class only translates. Sessions, transactions and subscription rules are not supported.
/// </summary>
public sealed class ServiceBusAmqpEndpoint : IAsyncDisposable
{
    /// <summary>The key name in <see cref="ConnectionString"/>; tokens are accepted without checking, like Microsoft's emulator.</summary>
    public const string SharedAccessKeyName = "RootManageSharedAccessKey";

    /// <summary>The key in <see cref="ConnectionString"/> (Microsoft's emulator's documented placeholder).</summary>
    public const string SharedAccessKey = "SAS_KEY_VALUE";

    private const uint MaxFrameSizeBytes = 64 * 1024;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);

    private const int MaxPortAttempts = 5;

    private readonly AmqpTransportListener _listener;
    private readonly EndpointRuntime _runtime;
    private readonly AmqpSettings _settings;
    private readonly ILogger _logger;
    private int _disposed;

    private ServiceBusAmqpEndpoint(ServiceBusEmulator emulator, ServiceBusAmqpEndpointOptions options, int port)
    {
        Emulator = emulator;
        _logger = options.Logger ?? NullLogger.Instance;
        _runtime = new EndpointRuntime(emulator, options, _logger);
        _settings = CreateSettings(_runtime);
        Port = port;
        ConnectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName={SharedAccessKeyName};SharedAccessKey={SharedAccessKey};UseDevelopmentEmulator=true");
        var tcp = new TcpTransportSettings { Host = IPAddress.Loopback.ToString(), Port = port };
        _listener = new AmqpTransportListener([tcp.CreateListener()], _settings);
    }

    /// <summary>The broker behind the endpoint (its faults apply to deliveries made through AMQP too).</summary>
    public ServiceBusEmulator Emulator { get; }

    /// <summary>The port listened on (the one picked when the options asked for 0).</summary>
    public int Port { get; }

    /// <summary>
    /// "Endpoint=sb://127.0.0.1:&lt;port&gt;;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true".
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Starts listening at once. With port 0 a free port is picked, and another (up to 5 in all) if it is taken
    /// meanwhile: the library's listener cannot report the port it bound, so the port is chosen before binding.
    /// </summary>
    /// <exception cref="SocketException">The port is taken (a given port, or every picked one).</exception>
    public static ServiceBusAmqpEndpoint Start(ServiceBusEmulator emulator, ServiceBusAmqpEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        options ??= new ServiceBusAmqpEndpointOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options));
        int attempts = options.Port == 0 ? MaxPortAttempts : 1;
        for (int attempt = 1; ; attempt++)
        {
            var endpoint = new ServiceBusAmqpEndpoint(emulator, options, options.Port == 0 ? LoopbackPort.FindFree() : options.Port);
            try
            {
                endpoint._listener.Listen(endpoint.OnAcceptTransport);
                endpoint._logger.LogInformation("Service Bus AMQP endpoint listening on 127.0.0.1:{Port}", endpoint.Port);
                return endpoint;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < attempts)
            {
                endpoint._listener.SafeClose();
                endpoint._runtime.CloseAll();
            }
        }
    }

    /// <summary>Stops listening and closes every connection; the emulator is left to its owner.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _listener.SafeClose();
            _runtime.CloseAll();
        }

        return ValueTask.CompletedTask;
    }

    private static AmqpSettings CreateSettings(EndpointRuntime runtime)
    {
        var settings = new AmqpSettings { RuntimeProvider = runtime };

        // The client offers only "MSSBCBS" (an anonymous mechanism under that name); authorization follows on $cbs.
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        settings.TransportProviders.Add(amqp);
        return settings;
    }

    private void OnAcceptTransport(TransportListener listener, TransportAsyncCallbackArgs args)
    {
        var connectionSettings = new AmqpConnectionSettings
        {
            ContainerId = "npvr-local-servicebus",
            MaxFrameSize = MaxFrameSizeBytes,
            IdleTimeOut = (uint)IdleTimeout.TotalMilliseconds,
        };
        AmqpConnection connection = _runtime.CreateConnection(args.Transport, (ProtocolHeader)args.UserToken, false, _settings, connectionSettings);
        _ = OpenAsync(connection);
    }

    private async Task OpenAsync(AmqpConnection connection)
    {
        try
        {
            await connection.OpenAsync(OpenTimeout);
        }
        catch (Exception ex) when (ex is AmqpException or TimeoutException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            _logger.LogWarning(ex, "An AMQP connection failed to open");
            connection.SafeClose(ex);
        }
    }
}
