import QtQuick
import QtTest
import "../../qml/components"

Item {
    id: top
    width: 600
    height: 400

    Component {
        id: delegateComponent
        MessageDelegate {
            width: 600
            text: "hello"
            from: "alice"
            time: new Date(2024, 0, 2, 9, 30)
            clientId: "c-42"
        }
    }

    SignalSpy {
        id: retrySpy
        signalName: "retryRequested"
    }

    TestCase {
        name: "MessageDelegate"
        when: windowShown

        function make(props) {
            const d = createTemporaryObject(delegateComponent, top, props)
            verify(d)
            return d
        }

        function test_retryOnlyWhenFailed_data() {
            return [
                { tag: "received", state: "received", outgoing: false, retry: false },
                { tag: "sent", state: "sent", outgoing: true, retry: false },
                { tag: "pending", state: "pending", outgoing: true, retry: false },
                { tag: "failed", state: "failed", outgoing: true, retry: true }
            ]
        }

        function test_retryOnlyWhenFailed(data) {
            const d = make({ state: data.state, outgoing: data.outgoing })
            const button = findChild(d, "retryButton")
            verify(button)
            compare(button.visible, data.retry)
        }

        function test_retryEmitsClientId() {
            const d = make({ state: "failed", outgoing: true, error: "too long" })
            retrySpy.target = d
            retrySpy.clear()
            const button = findChild(d, "retryButton")
            waitForRendering(d)
            mouseClick(button)
            compare(retrySpy.count, 1)
            compare(retrySpy.signalArguments[0][0], "c-42")
            const err = findChild(d, "errorLabel")
            verify(err.visible)
            verify(err.text.indexOf("too long") >= 0)
        }

        function test_stateIndicatorDiffers() {
            const pending = make({ state: "pending", outgoing: true })
            const sent = make({ state: "sent", outgoing: true })
            const failed = make({ state: "failed", outgoing: true })
            compare(pending.indicator, "clock")
            compare(sent.indicator, "check")
            compare(failed.indicator, "failed")
            verify(findChild(pending, "stateIcon").visible)
            verify(findChild(sent, "stateIcon").visible)
            verify(findChild(failed, "stateIcon").visible)
        }

        function test_stateChangeUpdatesIndicator() {
            const d = make({ state: "pending", outgoing: true })
            compare(d.indicator, "clock")
            d.state = "sent"
            compare(d.indicator, "check")
            d.state = "failed"
            compare(d.indicator, "failed")
            verify(findChild(d, "retryButton").visible)
            d.state = "sent"
            verify(!findChild(d, "retryButton").visible)
        }

        function test_receivedHasNoIndicator() {
            const d = make({ state: "received", outgoing: false })
            compare(d.indicator, "")
            verify(!findChild(d, "stateIcon").visible)
        }

        function test_outgoingAlignedRight() {
            const mine = make({ state: "sent", outgoing: true, text: "short" })
            const theirs = make({ state: "received", outgoing: false, text: "short" })
            const mineCol = findChild(mine, "bubbleColumn")
            const theirCol = findChild(theirs, "bubbleColumn")
            // Right edge of own bubble near the right edge; incoming near the left.
            verify(mineCol.x + mineCol.width > mine.width - 30, "own bubble is right-aligned")
            verify(mineCol.x > mine.width / 2, "own bubble starts in the right half")
            verify(theirCol.x < 30, "incoming bubble is left-aligned")
        }

        function test_textShown() {
            const d = make({ state: "received", text: "line one\nline two" })
            compare(findChild(d, "body").text, "line one\nline two")
            compare(findChild(d, "body").textFormat, TextEdit.PlainText)
        }

        // Ticks of an own message in a direct chat: sent, delivered, read.
        function test_ticks_data() {
            return [
                { tag: "sent", ticks: "sent", want: "check" },
                { tag: "delivered", ticks: "delivered", want: "double" },
                { tag: "read", ticks: "read", want: "read" },
                { tag: "in a group", ticks: "read", group: true, want: "check" },
            ]
        }
        function test_ticks(data) {
            const d = make({ state: "sent", outgoing: true, ticks: data.ticks,
                             groupReceipts: data.group || false })
            compare(d.indicator, data.want)
        }

        // A group message of ours says how many read it, and who on a click.
        function test_readBy() {
            const d = make({ state: "sent", outgoing: true, groupReceipts: true,
                             readCount: 2, readTotal: 5, readers: ["bob", "carol"] })
            const label = findChild(d, "readBy")
            verify(label.visible)
            compare(label.text, "Read by 2 of 5")
            mouseClick(label)
            const tip = findChild(d, "readersTip")
            tryVerify(() => tip.visible)
            compare(tip.text, "bob, carol")
            d.readCount = 5
            compare(label.text, "Read by everyone")
            // Not known yet, or not a group: nothing.
            const unknown = make({ state: "sent", outgoing: true, groupReceipts: true, readTotal: 0 })
            verify(!findChild(unknown, "readBy").visible)
            const direct = make({ state: "sent", outgoing: true, readCount: 1, readTotal: 1 })
            verify(!findChild(direct, "readBy").visible)
        }

        // Mentions are highlighted (the rest of the text escaped); a
        // mention of this user marks the bubble.
        function test_mentionsHighlighted() {
            const d = make({ state: "received", text: "<b>hi</b> @bob and @all & @bobby",
                             mentions: ["bob"], mentionAll: true, mentionsMe: true })
            const body = findChild(d, "body")
            compare(body.textFormat, TextEdit.RichText)
            compare(d.richText.indexOf("<b>hi</b>"), -1) // the user's markup is text
            verify(d.richText.indexOf("&lt;b&gt;hi&lt;/b&gt;") >= 0)
            verify(d.richText.indexOf(">@bob</font>") >= 0)
            verify(d.richText.indexOf(">@all</font>") >= 0)
            verify(d.richText.indexOf("@bobby</font>") < 0) // a longer name is not bob
            compare(findChild(d, "bubble").border.width, 1.5)
            compare(body.getText(0, body.length), "<b>hi</b> @bob and @all & @bobby")
        }
    }
}
