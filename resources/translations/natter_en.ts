<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="41"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="43"/>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="187"/>
        <source>Older history not loaded yet — it arrives when the server is reachable.</source>
        <translation>Older history not loaded yet — it arrives when the server is reachable.</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="255"/>
        <location filename="../../qml/components/ChatView.qml" line="257"/>
        <source>Jump to latest</source>
        <translation>Jump to latest</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="269"/>
        <source>No messages yet. Say hello!</source>
        <translation>No messages yet. Say hello!</translation>
    </message>
    <message>
        <location filename="../../qml/components/ChatView.qml" line="292"/>
        <source>Pick a conversation, or start a new one with Ctrl+N.
Ctrl+K jumps to a conversation.</source>
        <translation>Pick a conversation, or start a new one with Ctrl+N.
Ctrl+K jumps to a conversation.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../qml/components/Composer.qml" line="85"/>
        <location filename="../../qml/components/Composer.qml" line="86"/>
        <source>Insert emoji</source>
        <translation>Insert emoji</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="109"/>
        <source>Write a message…</source>
        <translation>Write a message…</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="112"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="143"/>
        <source>Send (Enter)</source>
        <translation>Send (Enter)</translation>
    </message>
    <message>
        <location filename="../../qml/components/Composer.qml" line="144"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="17"/>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="18"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="19"/>
        <source>Signed out on the server</source>
        <translation>Signed out on the server</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConnectionBar.qml" line="20"/>
        <source>Offline — reading and writing still work</source>
        <translation>Offline — reading and writing still work</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/ConnectionBar.qml" line="61"/>
        <source>%1 · %n waiting to send</source>
        <translation>
            <numerusform>%1 · %n waiting to send</numerusform>
            <numerusform>%1 · %n waiting to send</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="43"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="53"/>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="55"/>
        <source>New chat (Ctrl+N)</source>
        <translation>New chat (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="62"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="64"/>
        <source>Settings (Ctrl+,)</source>
        <translation>Settings (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="145"/>
        <source>History not loaded yet</source>
        <translation>History not loaded yet</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="145"/>
        <source>No messages yet</source>
        <translation>No messages yet</translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="147"/>
        <source>You: %1</source>
        <translation>You: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/ConversationList.qml" line="169"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/ConversationList.qml" line="183"/>
        <source>No conversations yet.
Start one with Ctrl+N.</source>
        <translation>No conversations yet.
Start one with Ctrl+N.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="17"/>
        <source>Natter (%1)</source>
        <translation>Natter (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="17"/>
        <source>Natter</source>
        <translation>Natter</translation>
    </message>
</context>
<context>
    <name>MainPage</name>
    <message>
        <location filename="../../qml/pages/MainPage.qml" line="93"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/MainPage.qml" line="94"/>
        <source>Offline — messages are sent when the connection returns</source>
        <translation>Offline — messages are sent when the connection returns</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="144"/>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="144"/>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <location filename="../../qml/components/MessageDelegate.qml" line="155"/>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
</context>
<context>
    <name>NewChatDialog</name>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="10"/>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="33"/>
        <source>This user name is not valid.</source>
        <translation>This user name is not valid.</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="43"/>
        <source>Whom do you want to write to?</source>
        <translation>Whom do you want to write to?</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="51"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../qml/components/NewChatDialog.qml" line="64"/>
        <source>Open chat</source>
        <translation>Open chat</translation>
    </message>
</context>
<context>
    <name>QuickSwitcher</name>
    <message>
        <location filename="../../qml/components/QuickSwitcher.qml" line="103"/>
        <source>Jump to a conversation…</source>
        <translation>Jump to a conversation…</translation>
    </message>
    <message>
        <location filename="../../qml/components/QuickSwitcher.qml" line="123"/>
        <source>No conversations yet.</source>
        <translation>No conversations yet.</translation>
    </message>
    <message>
        <location filename="../../qml/components/QuickSwitcher.qml" line="123"/>
        <source>No conversation matches.</source>
        <translation>No conversation matches.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="51"/>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="59"/>
        <source>PEM file to trust (empty: authorities only)</source>
        <translation>PEM file to trust (empty: authorities only)</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="65"/>
        <source>Trust</source>
        <translation>Trust</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="14"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="28"/>
        <source>never seen</source>
        <translation>never seen</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="29"/>
        <source>last seen %1</source>
        <translation>last seen %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="40"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="45"/>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="47"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="49"/>
        <source>This device</source>
        <translation>This device</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="55"/>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="59"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="64"/>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="69"/>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="77"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="79"/>
        <source>Every device with your account. Revoke a device you no longer use or have lost; it is signed out and cannot read new messages.</source>
        <translation>Every device with your account. Revoke a device you no longer use or have lost; it is signed out and cannot read new messages.</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="102"/>
        <source>%1 (this device)</source>
        <translation>%1 (this device)</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="109"/>
        <source>revoked</source>
        <translation>revoked</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="116"/>
        <source>Revoke</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="130"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="143"/>
        <source>Revoke device?</source>
        <translation>Revoke device?</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="146"/>
        <source>&quot;%1&quot; will be signed out and will no longer receive messages.</source>
        <translation>&quot;%1&quot; will be signed out and will no longer receive messages.</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="157"/>
        <source>Log out?</source>
        <translation>Log out?</translation>
    </message>
    <message>
        <location filename="../../qml/components/SettingsDialog.qml" line="160"/>
        <source>You will need your password to log in again on this device.</source>
        <translation>You will need your password to log in again on this device.</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="119"/>
        <source>Server certificate (only for a self-hosted server whose certificate no authority signed)</source>
        <translation>Server certificate (only for a self-hosted server whose certificate no authority signed)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="130"/>
        <source>Path of its PEM file, e.g. /home/me/natterd.pem</source>
        <translation>Path of its PEM file, e.g. /home/me/natterd.pem</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="23"/>
        <source>Please fill in the server, user name and password.</source>
        <translation>Please fill in the server, user name and password.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="27"/>
        <source>Please give this device a name.</source>
        <translation>Please give this device a name.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="31"/>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="36"/>
        <source>Please choose a passphrase.</source>
        <translation>Please choose a passphrase.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="40"/>
        <source>The two passphrases differ.</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="76"/>
        <source>Welcome to Natter</source>
        <translation>Welcome to Natter</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="82"/>
        <source>Your messages live on this computer and sync when you are online.</source>
        <translation>Your messages live on this computer and sync when you are online.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="94"/>
        <location filename="../../qml/pages/SetupPage.qml" line="235"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="95"/>
        <location filename="../../qml/pages/SetupPage.qml" line="235"/>
        <source>Create account</source>
        <translation>Create account</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="98"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="109"/>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="120"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="126"/>
        <source>At least 8 characters</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="136"/>
        <source>Repeat the password</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="141"/>
        <source>Device name</source>
        <translation>Device name</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="146"/>
        <source>My computer</source>
        <translation>My computer</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="152"/>
        <source>Key storage</source>
        <translation>Key storage</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="158"/>
        <source>Messages are stored encrypted on this computer: the system keychain can hold the key and unlock it with your login, or you type a passphrase at every start.</source>
        <translation>Messages are stored encrypted on this computer: the system keychain can hold the key and unlock it with your login, or you type a passphrase at every start.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="166"/>
        <source>Keep the key in the system keychain</source>
        <translation>Keep the key in the system keychain</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="173"/>
        <source>Protect with a passphrase</source>
        <translation>Protect with a passphrase</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="179"/>
        <source>No system keychain answered, so the key cannot be stored there: a passphrase is required.</source>
        <translation>No system keychain answered, so the key cannot be stored there: a passphrase is required.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="190"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="200"/>
        <source>Repeat the passphrase</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location filename="../../qml/pages/SetupPage.qml" line="206"/>
        <source>There is no way to recover a forgotten passphrase.</source>
        <translation>There is no way to recover a forgotten passphrase.</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="35"/>
        <source>Unlock Natter</source>
        <translation>Unlock Natter</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="42"/>
        <source>Enter the passphrase that protects %1&apos;s messages on this computer.</source>
        <translation>Enter the passphrase that protects %1&apos;s messages on this computer.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="43"/>
        <source>Enter the passphrase that protects your messages on this computer.</source>
        <translation>Enter the passphrase that protects your messages on this computer.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="54"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../qml/pages/UnlockPage.qml" line="79"/>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
</context>
</TS>
