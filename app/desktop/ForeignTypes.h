// Core types seen by QML. The core stays QML-free; they are registered here,
// at the edge, as uncreatable types (they come from the App singleton).
#pragma once

#include "models/ConversationListModel.h"
#include "models/DeviceListModel.h"
#include "models/MessageListModel.h"

#include <QQmlEngine>

namespace natter {

struct ConversationListModelForeign
{
    Q_GADGET
    QML_FOREIGN(natter::ConversationListModel)
    QML_NAMED_ELEMENT(ConversationListModel)
    QML_UNCREATABLE("Provided by App.conversations")
};

struct MessageListModelForeign
{
    Q_GADGET
    QML_FOREIGN(natter::MessageListModel)
    QML_NAMED_ELEMENT(MessageListModel)
    QML_UNCREATABLE("Provided by App.messages")
};

struct DeviceListModelForeign
{
    Q_GADGET
    QML_FOREIGN(natter::DeviceListModel)
    QML_NAMED_ELEMENT(DeviceListModel)
    QML_UNCREATABLE("Provided by App.devices")
};

} // namespace natter
